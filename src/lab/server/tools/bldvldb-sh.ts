// Simulated bldvldb.sh (REFERENCE §7.4, OBSERVED): fetch the volume lists of the named servers (matched as the
// script does: substring of the servers file's first field) into the cache, concatenate every cached list into
// BigVolumeList, and makevldb it locally. A server that fails keeps its old cached list; the exit status is
// makevldb's, so a failed server still exits 0.
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadHostEnv } from '../../core/host-env.js';
import { runTool } from '../run-tool.js';
import { vicedirOf } from '../tool-common.js';

export async function main(argv: string[]): Promise<number> {
  const env = loadHostEnv();
  const vicedir = vicedirOf(env);
  const remote = join(vicedir, 'vol', 'remote');
  if (!existsSync(remote)) {
    process.stderr.write(`bldvldb.sh: cd: ${remote}: No such file or directory\n`);
    return 1;
  }
  const names = readFileSync(join(vicedir, 'db', 'servers'), 'utf8').split('\n').map((l) => l.trim().split(/\s+/)[0] ?? '').filter(Boolean);
  const chosen = argv.length ? names.filter((n) => argv.some((a) => n.includes(a))) : names;
  process.stdout.write('Fetching volume lists from servers:\n');
  for (const server of chosen) {
    const tmp = join(remote, `${server}.list.new`);
    const r = runTool('volutil', ['-h', server, 'getvolumelist', tmp]);
    if (existsSync(tmp) && r.code === 0) {
      renameSync(tmp, join(remote, `${server}.list`));
      process.stdout.write(` ${server} - success\n`);
    } else {
      if (existsSync(tmp)) renameSync(tmp, join(remote, `${server}.list`));
      process.stdout.write(` ${server} - FAILED, check if coda server is running\n`);
    }
  }
  const big = readdirSync(remote).filter((f) => f.endsWith('.list')).sort().map((f) => readFileSync(join(remote, f), 'utf8')).join('');
  writeFileSync(join(vicedir, 'vol', 'BigVolumeList'), big);
  return runTool('volutil', ['makevldb', join(vicedir, 'vol', 'BigVolumeList')]).code;
}
