// Simulated updatesrv (REFERENCE §7.8): on the SCM, serves the files named in db/files.export to holders of the
// update token, on <ip>:2433; anything else is "Access denied to file".
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadHostEnv } from '../../core/host-env.js';
import { logMsg } from '../../core/coda-log.js';
import { RPC2_ERRORS, serveRpc } from '../../core/rpc.js';
import { alreadyRunning, detach, writePid } from '../daemonize.js';
import { readToken, vicedirOf } from '../tool-common.js';

export async function main(argv: string[]): Promise<number> {
  const env = loadHostEnv();
  const vicedir = vicedirOf(env);
  const pidFile = join(vicedir, 'misc', 'updatesrv.pid');
  const log = join(vicedir, 'misc', 'UpdateSrvLog');
  if (alreadyRunning(pidFile)) return 0;
  if (detach('updatesrv', argv, log)) return 0;
  writePid(pidFile);
  await serveRpc(env.host.ip, env.lab.updatePort, async (req) => {
    if (req.op !== 'Fetch') return { rc: 22 };
    // A wrong update token fails RPC2's authenticated bind, before any file is asked for.
    if (String(req.token ?? '') !== readToken(vicedir, 'update.tk')) return { rc: RPC2_ERRORS.NOTAUTHENTICATED };
    const path = String(req.path);
    let exported: string[] = [];
    try { exported = readFileSync(join(vicedir, 'db', 'files.export'), 'utf8').split('\n').map((l) => l.trim()); } catch { exported = []; }
    if (!exported.includes(path)) {
      logMsg(log, `Access denied to file ${path}.`);
      return { rc: 13 };
    }
    try {
      const full = join(vicedir, path);
      return { rc: 0, data: readFileSync(full).toString('base64'), mtime: statSync(full).mtimeMs };
    } catch {
      return { rc: 2 };
    }
  });
  logMsg(log, 'Update Server started');
  return new Promise<number>(() => undefined);
}
