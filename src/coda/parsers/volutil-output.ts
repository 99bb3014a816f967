// volutil's own lines (REFERENCE §7.1-7.2, OBSERVED.md): the stderr bind line, the success line of each
// subcommand, create_rep's `Volume 02000001 (name) created ` (6.0.x: unpadded), getmaxvol, and the failures
// with the meaning of their code. Pass stdout and stderr together; order does not matter.
import { type Outcome, fail, ok } from './issues.js';
import { type Rpc2Error, readRpc2Error } from './rpc2-codes.js';

export interface VolutilFailure {
  line: number;
  /** `bind` (RPC2_NewBinding …), `call` (`<Call> failed with …`), `host`, `token` or `usage`. */
  kind: 'bind' | 'call' | 'host' | 'token' | 'usage';
  /** The RPC name for `call` (e.g. VolCreate), the server for `bind`, the host for `host`. */
  subject?: string;
  error?: Rpc2Error;
  text: string;
}

const PATTERNS: [VolutilFailure['kind'], RegExp][] = [
  ['bind', /^RPC2_NewBinding to server (\S+) failed with (.*)$/],
  ['call', /^(\w+) failed with (.*)$/],
  ['host', /^(\S+) is not a valid host name\.$/],
  ['token', /^Couldn't get a token to authenticate with the server$/],
  ['usage', /^Usage:? .*$/],
];

/** The first failure volutil reported, or undefined. */
export function findVolutilFailure(text: string): VolutilFailure | undefined {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!.replace(/\s+$/, '');
    for (const [kind, re] of PATTERNS) {
      const m = re.exec(l);
      if (!m) continue;
      const failure: VolutilFailure = { line: i + 1, kind, text: l };
      if (m[1] !== undefined) failure.subject = m[1];
      if (m[2] !== undefined) failure.error = readRpc2Error(m[2]);
      return failure;
    }
  }
  return undefined;
}

/** One sentence for a failure: the line and what its code means. */
export function describeVolutilFailure(f: VolutilFailure): string {
  return f.error ? `${f.text} (${f.error.meaning})` : f.text;
}

/** Hosts of the `V_BindToServer: binding to host X` lines, in order. */
export function boundHosts(text: string): string[] {
  return [...text.matchAll(/^V_BindToServer: binding to host (\S+)$/gm)].map((m) => m[1]!);
}

export interface CreatedVolume {
  id: number;
  name: string;
}

/** create_rep's `Volume 02000001 (seedvol.1) created ` (trailing space; 6.0.x `Volume 2000001 …`). */
export function parseCreateRep(text: string): Outcome<CreatedVolume> {
  const m = /^Volume ([0-9a-fA-F]+) \((.+)\) created ?$/m.exec(text);
  if (m) return ok({ id: Number.parseInt(m[1]!, 16) >>> 0, name: m[2]! });
  return failureOr(text, 'no "Volume <id> (<name>) created" line');
}

/** `Maximum volume id is 02000000`. */
export function parseMaxVolumeId(text: string): Outcome<number> {
  const m = /^Maximum volume id is ([0-9a-fA-F]+)$/m.exec(text);
  if (m) return ok(Number.parseInt(m[1]!, 16) >>> 0);
  const couldnt = /^Couldn't get maxvolid: (.*)$/m.exec(text);
  if (couldnt) return fail(`Couldn't get maxvolid: ${readRpc2Error(couldnt[1]!).meaning}`);
  return failureOr(text, 'no "Maximum volume id is …" line');
}

/** The line each subcommand prints on success (stderr unless noted in REFERENCE §7.2). */
export const SUCCESS_LINES: Record<string, RegExp> = {
  setlogparms: /^Set Log parameters$/m,
  makevrdb: /^VRDB completed\.$/m,
  makevldb: /^VLDB completed\.$/m,
  updatedb: /^Databases updated on host \S+\.$/m,
  shutdown: /^Fileserver shutdown\.$/m,
  getvolumelist: /^GetVolumeList finished successfully$/m,
  swaplog: /^Fileserver log successfully swapped\.$/m,
  create_rep: /^Volume [0-9a-fA-F]+ \(.+\) created ?$/m,
  getmaxvol: /^Maximum volume id is [0-9a-fA-F]+$/m,
  setmaxvol: /^Maximum volume id set to [0-9a-fA-F]+$/m,
  purge: /^Volume [0-9a-fA-F]+ \(.+\) successfully purged$/m,
};

/** ok when the subcommand's success line is there, else the failure volutil printed (or that the line is missing). */
export function checkVolutilSuccess(subcommand: string, text: string): Outcome<true> {
  const re = SUCCESS_LINES[subcommand];
  if (!re) return fail(`codaplay knows no success line for volutil ${subcommand}`);
  if (re.test(text)) return ok(true);
  return failureOr(text, `volutil ${subcommand} did not print its success line`);
}

function failureOr<T>(text: string, otherwise: string): Outcome<T> {
  const f = findVolutilFailure(text);
  return f ? fail(describeVolutilFailure(f), f.line) : fail(otherwise);
}

/**
 * `volutil lookup NAME` (OBSERVED): found -> `Info for vol "vol1.0": volume id 01000002, read/write volume`; not
 * found -> only the bind line, and still exit 0 (SrvLog `SVolLookup: error code 603`). The id, or undefined.
 */
export function parseVolutilLookupId(output: string): number | undefined {
  const m = /^Info for vol "[^"]*": volume id ([0-9a-fA-F]+)/m.exec(output);
  return m ? Number.parseInt(m[1]!, 16) >>> 0 : undefined;
}
