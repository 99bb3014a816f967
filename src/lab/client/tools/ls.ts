// The lab's `ls`: for arguments under the Coda mount point, venus walks them first (recursively with -R), so
// `ls -lR /coda/<realm>` drives resolution as it does on a real client; then the system ls lists what venus
// materialised. Objects venus could not reach are reported as GNU ls reports them (exit 1; 2 when an argument
// itself failed).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadHostEnv } from '../../core/host-env.js';
import { askVenus } from '../venus-client.js';
import { readVenusConfig } from '../venus-state.js';

const SYSTEM_LS = ['/bin/ls', '/usr/bin/ls'].find((p) => existsSync(p)) ?? '/bin/ls';

export async function main(argv: string[]): Promise<number> {
  const env = loadHostEnv();
  const { mountpoint } = readVenusConfig(env);
  const flags = argv.filter((a) => a.startsWith('-') && a !== '--');
  const recursive = flags.some((f) => /^-[a-zA-Z]*R/.test(f) || f === '--recursive');
  const paths = argv.filter((a) => !a.startsWith('-'));
  let worst = 0;
  const failed = new Set<string>();
  for (const p of paths.map((x) => resolve(x))) {
    if (!(p === mountpoint || p.startsWith(`${mountpoint}/`))) continue;
    const r = await askVenus(env, { op: 'Walk', path: p, recursive });
    const bad = (r?.failed as string[] | undefined) ?? (r ? [] : [p]);
    for (const f of bad) {
      failed.add(f);
      worst = Math.max(worst, f === p ? 2 : 1);
    }
  }
  const listing = spawnSync(SYSTEM_LS, argv, { encoding: 'utf8' });
  process.stdout.write(listing.stdout ?? '');
  process.stderr.write(listing.stderr ?? '');
  for (const f of failed) process.stderr.write(`ls: cannot access '${f}': Connection timed out\n`);
  return Math.max(worst, listing.status ?? 0);
}
