// Simulated auth2: a daemon with a pid file, listening on the lab's auth2 port, so it can be started and
// checked. (Authentication itself is not simulated: the job needs none.)
import { join } from 'node:path';
import { loadHostEnv } from '../../core/host-env.js';
import { logMsg } from '../../core/coda-log.js';
import { serveRpc } from '../../core/rpc.js';
import { alreadyRunning, detach, writePid } from '../daemonize.js';
import { vicedirOf } from '../tool-common.js';

export async function main(argv: string[]): Promise<number> {
  const env = loadHostEnv();
  const vicedir = vicedirOf(env);
  // auth2 works in <vicedir>/auth2 and keeps its pid there (OBSERVED, corrections).
  const pidFile = join(vicedir, 'auth2', 'pid');
  const log = join(vicedir, 'misc', 'AuthLog');
  if (alreadyRunning(pidFile)) return 0;
  if (detach('auth2', argv, log)) return 0;
  writePid(pidFile);
  await serveRpc(env.host.ip, env.lab.auth2Port, async () => ({ rc: 0 }));
  logMsg(log, 'Server ready to accept authentication requests');
  return new Promise<number>(() => undefined);
}
