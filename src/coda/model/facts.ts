// The cell model's facts and the pure transforms a planned change applies to them (DESIGN rule 12). A fact is
// either read (through src/coda/parsers) or predicted by an earlier task of a --check run; nothing here does I/O.
import { formatVolumeId, serverIdOfVolume } from '../ids.js';
import { parseVolumeList } from '../parsers/index.js';

/** A file on a host: its bytes, or, for a database the run would rebuild (VRDB, VLDB), a token for its content. */
export interface FileFact {
  /** null: no such file (or predicted binary content, see token). */
  data: Buffer | null;
  /** Predicted content that cannot be computed here: two files with the same token are equal. */
  token?: string;
  predicted: boolean;
}

export function sameFile(a: FileFact, b: FileFact): boolean {
  if (a.token !== undefined || b.token !== undefined) return a.token === b.token;
  if (!a.data || !b.data) return a.data === b.data;
  return a.data.equals(b.data);
}

export function textOf(f: FileFact): string {
  return f.data?.toString('utf8') ?? '';
}

export function predictedText(text: string): FileFact {
  return { data: Buffer.from(text, 'utf8'), predicted: true };
}

export interface CodasrvFact {
  /** A codasrv is running (or, predicted, will be once the earlier tasks of this run have run). */
  running: boolean;
  /** It answers calls right now: a codasrv whose start is only predicted never does, so no probe waits on it. */
  answering: boolean;
  pid: number | null;
  /** Its servers file changed after it started: it must restart to learn the new list (REFERENCE §2). */
  stale: boolean;
  predicted: boolean;
}

/** codasrv after `startserver` (or a restart): running, current with its servers file. */
export function afterStart(c: CodasrvFact): CodasrvFact {
  return { running: true, answering: c.answering, pid: c.pid, stale: false, predicted: true };
}

/** codasrv after its host's servers file changed: a running one must restart to learn it. */
export function afterServersChanged(c: CodasrvFact): CodasrvFact {
  return c.running ? { ...c, stale: true, predicted: true } : c;
}

export interface ReplicaFact {
  name: string;
  id: number;
  /** getvolumelist's U field (blocks in use). */
  diskUsed: number;
  /** The id is what create_rep would hand out next, not one the server reported. */
  predicted: boolean;
}

export interface VolumesFact {
  replicas: ReplicaFact[];
  /** The highest volume id the server has handed out (getmaxvol): the next create_rep gets this + 1. */
  maxVolId: number;
  /** Where the list comes from: the server itself, the SCM's cached copy (server not answering), or nowhere. */
  source: 'getvolumelist' | 'cached list' | 'none';
  predicted: boolean;
}

/** getvolumelist text -> the replicas it lists (null: unreadable or no text). */
export function replicasOfList(text: string | null): ReplicaFact[] | null {
  const list = text === null ? null : parseVolumeList(text);
  return list?.ok ? list.value.volumes.map((v) => ({ name: v.name, id: v.id, diskUsed: v.diskUsed, predicted: false })) : null;
}

/** A server that does not answer, as the SCM's cached `vol/remote/<name>.list` last saw it (or holding nothing). */
export function volumesFromCache(serverId: number, cached: ReplicaFact[] | null): VolumesFact {
  const replicas = cached ?? [];
  return { replicas, maxVolId: highestId(serverId, replicas, null), source: cached ? 'cached list' : 'none', predicted: true };
}

/** create_rep allocates MaxVolId + 1; a fresh server's MaxVolId is its id << 24 (REFERENCE §1). */
export function highestId(serverId: number, replicas: readonly ReplicaFact[], reported: number | null): number {
  const own = replicas.map((r) => r.id).filter((id) => serverIdOfVolume(id) === serverId);
  return Math.max(reported ?? 0, (serverId << 24) >>> 0, ...own) >>> 0;
}

/** The server's list after `create_rep <name>`: one more replica with the predicted id. */
export function afterCreateRep(v: VolumesFact, name: string): { fact: VolumesFact; id: number } {
  const id = (v.maxVolId + 1) >>> 0;
  return { id, fact: { ...v, replicas: [...v.replicas, { name, id, diskUsed: 0, predicted: true }], maxVolId: id, predicted: true } };
}

/**
 * The server's list after a create_rep that made `name` with `id` (a real run: the id as create_rep printed it).
 * Its usage is not known until getvolumelist is asked again; -1 never equals another replica's.
 */
export function withReplica(v: VolumesFact, name: string, id: number): VolumesFact {
  if (v.replicas.some((r) => r.name === name)) return v;
  return { ...v, replicas: [...v.replicas, { name, id, diskUsed: -1, predicted: false }], maxVolId: Math.max(v.maxVolId, id) >>> 0 };
}

/** A list compared by what the VLDB takes from it: replica names and ids. */
export function listKey(replicas: readonly { name: string; id: number }[]): string {
  return replicas.map((r) => `${r.name}:${formatVolumeId(r.id)}`).sort().join(',');
}

export function predictedIdNote(ids: readonly number[]): string | undefined {
  if (ids.length === 0) return undefined;
  const shown = ids.slice(0, 4).map(formatVolumeId).join(', ');
  return `predicted replica id(s) ${shown}${ids.length > 4 ? ' …' : ''}: what create_rep would hand out next`;
}
