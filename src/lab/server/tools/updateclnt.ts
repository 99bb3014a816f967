// Simulated updateclnt (REFERENCE §7.8; coda-src/update/updateclnt.cc; OBSERVED, corrections): every interval,
// fetch the files listed in db/files that changed on the SCM, log `Updated db/<name>` (a non-SCM server keeps
// the old copy as <name>.BAK), then tell the local codasrv (VolUpdateDB: VRDB/VLDB reload, never `servers`).
// The SCM runs it too: it notices changes of its own db files. A local codasrv that does not answer costs the
// bind's ~31 s and logs `Bind to server … for database update failed`. Every LogMsg entry ends in a blank line.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DOWN_COST_SECONDS } from '../../core/down-costs.js';
import { loadHostEnv, type HostEnv } from '../../core/host-env.js';
import { ctime, logMsg } from '../../core/coda-log.js';
import { labSleep } from '../../core/lab-time.js';
import { getHostname, resolveName } from '../../core/name-service.js';
import { RPC2_ERRORS, rpcCall } from '../../core/rpc.js';
import { alreadyRunning, detach, writePid } from '../daemonize.js';
import { fetchFromScm } from '../update-client.js';
import { readToken, vicedirOf } from '../tool-common.js';


function listedFiles(vicedir: string): string[] {
  try {
    return readFileSync(join(vicedir, 'db', 'files'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('-'));
  } catch {
    return [];
  }
}

/** The SCM fetches from itself: what changes is the file's time, not its bytes. */
function mtimes(vicedir: string, names: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const n of names) {
    try { out.set(n, statSync(join(vicedir, 'db', n)).mtimeMs); } catch { out.set(n, 0); }
  }
  return out;
}

async function notifyCodasrv(env: HostEnv, vicedir: string, log: string): Promise<void> {
  const self = resolveName(env.root, getHostname(env.root));
  const r = self ? await rpcCall(self, env.lab.codasrvPort, { op: 'UpdateDB', token: readToken(vicedir, 'volutil.tk') }, { timeoutMs: 5000 }) : { rc: RPC2_ERRORS.NOBINDING };
  if (r.rc === RPC2_ERRORS.NOBINDING) {
    await labSleep(env.lab, DOWN_COST_SECONDS.updateclntNotify);
    logMsg(log, `Bind to server ${env.host.name} for database update failed\n`);
  } else if (r.rc === 0) logMsg(log, `Notifying server ${env.host.name} of database updates\n`);
  else logMsg(log, `VolUpdateDB failed for host ${env.host.name}\n`);
}

export async function main(argv: string[]): Promise<number> {
  const env = loadHostEnv();
  const vicedir = vicedirOf(env);
  const pidFile = join(vicedir, 'misc', 'updateclnt.pid');
  const log = join(vicedir, 'misc', 'UpdateClntLog');
  if (alreadyRunning(pidFile)) return 0;
  if (detach('updateclnt', argv, log)) return 0;
  writePid(pidFile);
  logMsg(log, `Update Client pid = ${process.pid} started at ${ctime(new Date())}\n`);
  const hIndex = argv.indexOf('-h');
  const wIndex = argv.indexOf('-w');
  const interval = (wIndex >= 0 ? Number(argv[wIndex + 1]) : env.lab.updateIntervalSec) * 1000;
  let seen: Map<string, number> | null = null;
  const tick = async (): Promise<void> => {
    const scm = hIndex >= 0 ? argv[hIndex + 1]! : readFileSync(join(vicedir, 'db', 'scm'), 'utf8').trim();
    const names = listedFiles(vicedir);
    const onScm = resolveName(env.root, scm) === env.host.ip;
    let changed = false;
    if (onScm) {
      const now = mtimes(vicedir, names);
      for (const [name, t] of now) {
        if (seen && seen.get(name) !== t) {
          changed = true;
          logMsg(log, `Updated db/${name}\n`);
        }
      }
      seen = now;
    } else {
      for (const name of names) {
        const r = await fetchFromScm(env, scm, readToken(vicedir, 'update.tk') ?? '', `db/${name}`, join(vicedir, 'db', name), true);
        if (r.ok && r.changed) {
          changed = true;
          logMsg(log, `Updated db/${name}\n`);
        } else if (!r.ok && r.why === 'denied') logMsg(log, `Fetch failed for 'db/${name}' with Permission denied\n`);
      }
    }
    if (changed) await notifyCodasrv(env, vicedir, log);
  };
  for (;;) {
    await tick().catch(() => undefined);
    await new Promise((r) => setTimeout(r, interval));
  }
}
