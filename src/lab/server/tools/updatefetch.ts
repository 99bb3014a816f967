// Simulated updatefetch: `updatefetch -h <scm> -r <remote path> -l <local file>`, one file, now.
import { join } from 'node:path';
import { loadHostEnv } from '../../core/host-env.js';
import { logMsg } from '../../core/coda-log.js';
import { fetchFromScm } from '../update-client.js';
import { readToken, vicedirOf } from '../tool-common.js';

export async function main(argv: string[]): Promise<number> {
  const env = loadHostEnv();
  const opt = (flag: string): string | undefined => { const i = argv.indexOf(flag); return i >= 0 ? argv[i + 1] : undefined; };
  const scm = opt('-h');
  const remote = opt('-r');
  const local = opt('-l');
  if (!scm || !remote || !local) {
    process.stderr.write('usage: updatefetch -h <host> -r <remote file> -l <local file>\n');
    return 1;
  }
  const vicedir = vicedirOf(env);
  const r = await fetchFromScm(env, scm, readToken(vicedir, 'update.tk') ?? '', remote, local);
  if (!r.ok) {
    const msg = r.why === 'denied' ? 'Fetch failed with Permission denied' : r.why === 'missing' ? 'Fetch failed with No such file or directory' : 'Could not contact SCM.';
    logMsg(join(vicedir, 'misc', 'UpdateClntLog'), msg);
    process.stderr.write(`${msg}\n`);
    return 1;
  }
  return 0;
}
