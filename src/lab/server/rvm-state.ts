// The simulated RVM: a server's persistent state (what real Coda keeps in its RVM data segment), stored as
// JSON in the file server.conf names as rvm_data. Directories live here; file data lives in container files
// on the partition, one FTREEDB record per container (REFERENCE §5).
import { readFileSync, renameSync, writeFileSync, openSync, fsyncSync, closeSync } from 'node:fs';

export type ObjectType = 'dir' | 'file' | 'mount';

export interface VolumeObject {
  type: ObjectType;
  /** Version vector: one counter per VRList slot (8 sites). All zero on a runt. */
  vv: number[];
  size: number;
  /** Files: container slot in the partition's FTREEDB. */
  container?: number;
  /** Mount points: the volume name mounted here. */
  mountVolume?: string;
  /** Set when resolution could not merge this object (OldDirResolve on a non-trivial case). */
  conflict?: boolean;
}

export interface ServerVolume {
  /** Replica (read-write) volume id, e.g. 0x02000001. */
  id: number;
  name: string;
  partition: string;
  /** Replicated (group) volume id, 0x7f…; 0 for a non-replicated volume. */
  groupId: number;
  /** Resolution flag: 4 on, 0 off (setlogparms reson). */
  resOn: number;
  logSize: number;
  created: number;
  /** Objects keyed by path inside the volume: '/', '/d1', '/d1/f3'. */
  objects: Record<string, VolumeObject>;
}

export interface RvmState {
  /** Written once at first start as serverId << 24 (REFERENCE §1.1). */
  maxVolId: number;
  volumes: ServerVolume[];
  /** Next free container slot per partition path. */
  nextContainerSlot: Record<string, number>;
}

export function loadRvm(path: string): RvmState | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as RvmState;
  } catch {
    return null;
  }
}

/** Atomic like an RVM commit: a crash leaves either the old or the new state. */
export function saveRvm(path: string, state: RvmState): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, JSON.stringify(state));
  const fd = openSync(tmp, 'r');
  fsyncSync(fd);
  closeSync(fd);
  renameSync(tmp, path);
}
