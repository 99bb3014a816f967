// getvolinfo's answer (REFERENCE §7.6, OBSERVED.md): the volume's ids, ServerCount and the 8 replica slots with
// the IP the *answering* server resolved; or the bind / call error line. purgevol_rep parses this same text.
import { type Outcome, fail, ok } from './issues.js';
import { type Rpc2Error, readRpc2Error } from './rpc2-codes.js';

export const VOLUME_TYPES: Record<number, string> = {
  0: 'Readwrite underlying volume replica',
  1: 'Readonly clone',
  2: 'Backup volume',
  3: 'Replicated volume',
};

export interface VolInfoReplica {
  slot: number;
  id: number;
  ip: string;
}

export interface VolInfo {
  kind: 'info';
  host: string;
  port: number;
  /** The volume as asked (name, decimal id, `/`). */
  asked: string;
  volumeId: number;
  type: number;
  /** Type0..Type4 ids. */
  typeIds: number[];
  serverCount: number;
  /** All 8 slots. */
  replicas: VolInfoReplica[];
  vsgAddr: number;
}

export interface VolInfoFailure {
  kind: 'bind-failed' | 'call-failed';
  host: string;
  port: number;
  /** For call-failed: the volume as asked. */
  asked?: string;
  error: Rpc2Error;
}

export type GetVolInfoAnswer = VolInfo | VolInfoFailure;

const CONNECTED = /^RPC2 connection to (\S+):(\d+) successful\.$/;
const BIND_FAILED = /^RPC2 connection to (\S+):(\d+) failed with (.*)$/;
const CALL_FAILED = /^ViceGetVolumeInfo for (.*) to (\S+):(\d+) failed with (.*)$/;

export function parseGetVolInfo(text: string): Outcome<GetVolInfoAnswer> {
  const lines = text.split(/\r?\n/);
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) return fail('getvolinfo printed nothing');
  const head = lines[first]!;
  const bind = BIND_FAILED.exec(head);
  if (bind) return ok({ kind: 'bind-failed', host: bind[1]!, port: Number(bind[2]), error: readRpc2Error(bind[3]!) });
  const conn = CONNECTED.exec(head);
  if (!conn) return fail(`line ${first + 1}: expected "RPC2 connection to <host>:<port> successful.", found "${head}"`, first + 1);
  const second = lines[first + 1] ?? '';
  const call = CALL_FAILED.exec(second);
  if (call) return ok({ kind: 'call-failed', host: call[2]!, port: Number(call[3]), asked: call[1]!, error: readRpc2Error(call[4]!) });
  const returned = /^Returned volume information for (.*)$/.exec(second);
  if (!returned) return fail(`line ${first + 2}: expected "Returned volume information for <volume>", found "${second}"`, first + 2);
  return readBody(lines, first + 2, { host: conn[1]!, port: Number(conn[2]), asked: returned[1]! });
}

function readBody(lines: string[], from: number, head: { host: string; port: number; asked: string }): Outcome<GetVolInfoAnswer> {
  const found = new Map<string, { value: RegExpExecArray; line: number }>();
  const patterns: [string, RegExp][] = [
    ['VolumeId', /^\tVolumeId ([0-9a-f]+)$/],
    ['type', /^\t(?:.*) \(type (\d+)\)$|^\tUnknown volume type (\d+)$/],
    ...[0, 1, 2, 3, 4].map((n): [string, RegExp] => [`Type${n}`, new RegExp(`^\\tType${n} id ([0-9a-f]+)$`)]),
    ['ServerCount', /^\tServerCount (\d+)$/],
    ...[0, 1, 2, 3, 4, 5, 6, 7].map((n): [string, RegExp] => [`Replica${n}`, new RegExp(`^\\tReplica${n} id ([0-9a-f]+), Server${n} (\\S+)$`)]),
    ['VSGAddr', /^\tVSGAddr ([0-9a-f]+)$/],
  ];
  let at = from;
  for (const [key, re] of patterns) {
    while (at < lines.length && lines[at] === '') at++;
    const m = re.exec(lines[at] ?? '');
    if (!m) return fail(`line ${at + 1}: expected ${key}, found "${lines[at] ?? '(end of output)'}"`, at + 1);
    found.set(key, { value: m, line: at + 1 });
    at++;
  }
  const get = (key: string, group = 1): string => found.get(key)!.value[group]!;
  const typeMatch = found.get('type')!.value;
  const replicas = [0, 1, 2, 3, 4, 5, 6, 7].map((slot) => ({ slot, id: Number.parseInt(get(`Replica${slot}`), 16), ip: get(`Replica${slot}`, 2) }));
  return ok({
    kind: 'info',
    ...head,
    volumeId: Number.parseInt(get('VolumeId'), 16),
    type: Number(typeMatch[1] ?? typeMatch[2]),
    typeIds: [0, 1, 2, 3, 4].map((n) => Number.parseInt(get(`Type${n}`), 16)),
    serverCount: Number(get('ServerCount')),
    replicas,
    vsgAddr: Number.parseInt(get('VSGAddr'), 16),
  });
}

/** The slots in use: 0 … ServerCount-1. */
export function activeReplicas(info: VolInfo): VolInfoReplica[] {
  return info.replicas.slice(0, info.serverCount);
}

/** The group id the answer belongs to: VolumeId for a replicated volume, Type3 id for a replica looked up by name. */
export function groupIdOf(info: VolInfo): number {
  return info.type === 3 ? info.volumeId : info.typeIds[3]!;
}
