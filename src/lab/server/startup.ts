// codasrv's start-up checks (REFERENCE §7.7): config, pid lock, servers table, RVM, partitions from vicetab.
// Each failure returns Coda's message; the daemon logs it to SrvLog and exits 1, as startserver then reports.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { HostEnv } from '../core/host-env.js';
import { getHostname, resolveName } from '../core/name-service.js';
import { loadRvm, type RvmState } from './rvm-state.js';
import { readServerConf } from './server-conf.js';
import { loadServersTable, type ServersTable } from './servers-table.js';

export interface StartupFacts {
  conf: Map<string, string>;
  vicedir: string;
  hostname: string;
  servers: ServersTable;
  state: RvmState;
  rvmPath: string;
  partitions: string[];
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('codasrv');
  } catch {
    return false;
  }
}

export function lockedBy(pidFile: string): number | null {
  try {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    return pid && pid !== process.pid && pidAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

/** vicetab lines whose host resolves to this server's address (host matched by IP, REFERENCE §5). */
export function myPartitions(env: HostEnv, vicedir: string, conf: Map<string, string>, hostname: string): string[] {
  const file = conf.get('vicetab') ? join(vicedir, conf.get('vicetab')!) : join(vicedir, 'db', 'vicetab');
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const me = conf.get('ipaddress') ?? resolveName(env.root, hostname);
  return text.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#')).map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length >= 3 && resolveName(env.root, f[0]!) === me).map((f) => f[1]!);
}

export function startupChecks(env: HostEnv): StartupFacts | { error: string; stderr?: boolean } {
  const parsed = readServerConf(env.confDir);
  if (parsed.error) return { error: parsed.error, stderr: true };
  const conf = parsed.values;
  const vicedir = conf.get('vicedir') ?? join(env.root, 'vice');
  const hostname = conf.get('hostname') ?? getHostname(env.root);
  const pidFile = join(vicedir, 'srv', 'pid');
  if (lockedBy(pidFile) !== null) return { error: `Can't lock pidfile "${pidFile}", am I already running?`, stderr: true };
  const servers = loadServersTable(env.root, vicedir, env.lab.version, hostname, conf.get('ipaddress'));
  if ('error' in servers) return { error: servers.error };
  const rvmPath = conf.get('rvm_data') ?? join(vicedir, '..', 'vice-rvm', 'DATA');
  const state = loadRvm(rvmPath) ?? { maxVolId: (servers.selfId << 24) >>> 0, volumes: [], nextContainerSlot: {} };
  const partitions = myPartitions(env, vicedir, conf, hostname);
  if (partitions.length === 0) return { error: `DP_Init: no partitions for this host in vicetab; exiting.` };
  for (const p of partitions) if (!existsSync(p) || !statSync(p).isDirectory()) return { error: `DP_Init: partition ${p} does not exist; exiting.` };
  return { conf, vicedir, hostname, servers, state, rvmPath, partitions };
}
