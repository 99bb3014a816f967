// What a running simulated codasrv exposes to the code that serves its requests. The admin side (volutil,
// VRDB/VLDB, getvolinfo) and the file-service side (GetAttr, ReadDir, Resolve; see file-service.ts) both work
// through this, so neither needs the other's internals.
import type { HostEnv } from '../core/host-env.js';
import type { RvmState, ServerVolume } from './rvm-state.js';
import type { VolutilWorkers } from './volutil-workers.js';

/** One line of the VRDB as loaded in memory (REFERENCE §3). */
export interface VrdbEntry {
  name: string;
  groupId: number;
  count: number;
  /** Eight replica ids by slot; unused slots 0. */
  replicas: number[];
}

/** One VLDB record (REFERENCE §4.3): found by name or decimal id. */
export interface VldbEntry {
  name: string;
  id: number;
  type: 'W' | 'R' | 'B' | 'N';
  serverId: number;
}

export interface ServerTableEntry {
  name: string;
  ip: string;
}

export interface ServerRuntime {
  env: HostEnv;
  vicedir: string;
  /** This server's id (from its own line in the servers table). */
  serverId: number;
  /** servers file as loaded at start-up: server id -> name and IPv4. Never reloaded while running. */
  serversTable: Map<number, ServerTableEntry>;
  vrdb: VrdbEntry[];
  vldb: VldbEntry[];
  state: RvmState;
  /** Persist `state` (call after every mutation). */
  commit(): void;
  findVolume(idOrName: number | string): ServerVolume | undefined;
  /** SrvLog with timestamp (LogMsg). */
  log(message: string): void;
  /** The partition directory of a volume on this host (for container files and FTREEDB). */
  partitionDir(partition: string): string;
  /** This host's partitions from vicetab (paths as Coda names them). */
  partitions: string[];
  /** server.conf values. */
  conf: Map<string, string>;
  /** hostname= or gethostname(): what getvolumelist prints after H. */
  hostname: string;
  /** SrvLog path, for printf-only lines (no timestamp). */
  srvLogPath: string;
  /** Reload VRDB and VLDB from disk (startup and UpdateDB). */
  reloadDatabases(): void;
  /** volutil's two worker threads (created on first use; a restart starts clean). */
  volutilWorkers?: VolutilWorkers;
}
