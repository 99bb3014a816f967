// `venus`: start the simulated cache manager for this client, detached (like the real daemon).
import { join } from 'node:path';
import { loadHostEnv } from '../../core/host-env.js';
import { alreadyRunning, detach } from '../../server/daemonize.js';
import { runVenus } from '../venus-daemon.js';
import { readVenusConfig } from '../venus-state.js';

export async function main(argv: string[]): Promise<number> {
  const env = loadHostEnv();
  const { cacheDir } = readVenusConfig(env);
  if (alreadyRunning(join(cacheDir, 'pid'))) return 0;
  if (detach('venus', argv, join(cacheDir, 'venus.err'))) {
    for (let i = 0; i < 100 && !alreadyRunning(join(cacheDir, 'pid')); i++) await new Promise((r) => setTimeout(r, 30));
    return 0;
  }
  await runVenus(env);
  return new Promise<number>(() => undefined);
}
