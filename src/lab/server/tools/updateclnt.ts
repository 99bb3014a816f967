// Simulated updateclnt (REFERENCE §7.8): every interval, fetch the files listed in db/files that changed on the
// SCM, log `Updated db/<name>`, then tell the local codasrv (VolUpdateDB: VRDB/VLDB reload, never `servers`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadHostEnv } from '../../core/host-env.js';
import { logMsg } from '../../core/coda-log.js';
import { resolveName } from '../../core/name-service.js';
import { rpcCall } from '../../core/rpc.js';
import { alreadyRunning, detach, writePid } from '../daemonize.js';
import { fetchFromScm } from '../update-client.js';
import { readToken, vicedirOf } from '../tool-common.js';

export async function main(argv: string[]): Promise<number> {
  const env = loadHostEnv();
  const vicedir = vicedirOf(env);
  const pidFile = join(vicedir, 'misc', 'updateclnt.pid');
  const log = join(vicedir, 'misc', 'UpdateClntLog');
  if (alreadyRunning(pidFile)) return 0;
  if (detach('updateclnt', argv, log)) return 0;
  writePid(pidFile);
  const hIndex = argv.indexOf('-h');
  const wIndex = argv.indexOf('-w');
  const interval = (wIndex >= 0 ? Number(argv[wIndex + 1]) : env.lab.updateIntervalSec) * 1000;
  const tick = async (): Promise<void> => {
    const scm = hIndex >= 0 ? argv[hIndex + 1]! : readFileSync(join(vicedir, 'db', 'scm'), 'utf8').trim();
    let names: string[] = [];
    try { names = readFileSync(join(vicedir, 'db', 'files'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('-')); } catch { names = []; }
    let changed = false;
    for (const name of names) {
      const r = await fetchFromScm(env, scm, readToken(vicedir, 'update.tk') ?? '', `db/${name}`, join(vicedir, 'db', name));
      if (r.ok && r.changed) {
        changed = true;
        logMsg(log, `Updated db/${name}`);
      }
    }
    if (changed) {
      const self = resolveName(env.root, readFileSync(join(env.root, 'etc', 'hostname'), 'utf8').trim());
      logMsg(log, `Notifying server ${env.host.name} of database updates`);
      const r = self ? await rpcCall(self, env.lab.codasrvPort, { op: 'UpdateDB', token: readToken(vicedir, 'volutil.tk') }, { timeoutMs: 5000 }) : { rc: -1 };
      if (r.rc !== 0) logMsg(log, `VolUpdateDB failed for host ${env.host.name}`);
    }
  };
  for (;;) {
    await tick().catch(() => undefined);
    await new Promise((r) => setTimeout(r, interval));
  }
}
