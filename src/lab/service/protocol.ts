// The wire format between a bin/ shim (a small Perl client; Perl is Essential on Debian) and the tool service.
// A call opens three unix-socket connections, each starting with a 33-byte preamble: one kind byte and the call's
// 32-character token, so the service can pair them:
//   'A' control: after the preamble a 4-byte big-endian length and the header (below); later, shim -> service,
//       stdin frames `D<len>\n<bytes>` and `E\n` (end of input), sent only after the service asked with `S\n`
//       (so a tool that never reads stdin leaves it unread, as a process would); service -> shim `S\n` and
//       finally `X<status>\n`.
//   'O' the tool's stdout and 'E' its stderr: raw bytes, service -> shim, closed when the tool is done.
// Header: a sequence of 4-byte-length-prefixed strings: tool, cwd, umask (decimal), argc, argv…, then
// NAME=value environment entries up to the end.

export const PREAMBLE_BYTES = 33;
export type ConnectionKind = 'A' | 'O' | 'E';

export interface CallHeader {
  tool: string;
  cwd: string;
  umask: number;
  args: string[];
  env: Record<string, string>;
}

function strings(body: Buffer): string[] {
  const out: string[] = [];
  for (let at = 0; at + 4 <= body.length;) {
    const n = body.readUInt32BE(at);
    out.push(body.subarray(at + 4, at + 4 + n).toString('utf8'));
    at += 4 + n;
  }
  return out;
}

export function decodeHeader(body: Buffer): CallHeader {
  const [tool = '', cwd = '/', umask = '18', argc = '0', ...rest] = strings(body);
  const n = Number(argc);
  const env: Record<string, string> = {};
  for (const entry of rest.slice(n)) {
    const eq = entry.indexOf('=');
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return { tool, cwd, umask: Number(umask), args: rest.slice(0, n), env };
}

/** The shim's side, for tests: the same bytes the Perl client sends. */
export function encodeHeader(h: CallHeader): Buffer {
  const parts = [h.tool, h.cwd, String(h.umask), String(h.args.length), ...h.args, ...Object.entries(h.env).map(([k, v]) => `${k}=${v}`)];
  const body = Buffer.concat(parts.map((p) => {
    const b = Buffer.from(p, 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32BE(b.length);
    return Buffer.concat([len, b]);
  }));
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  return Buffer.concat([len, body]);
}
