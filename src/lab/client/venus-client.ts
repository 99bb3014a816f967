// cfs and the ls shim talk to venus over its socket (real Coda: pioctls through the kernel module).
import { createConnection } from 'node:net';
import type { HostEnv } from '../core/host-env.js';
import { readVenusConfig } from './venus-state.js';
import { socketPath } from './venus-daemon.js';

export function askVenus(env: HostEnv, req: { op: string } & Record<string, unknown>): Promise<Record<string, unknown> | null> {
  const { cacheDir } = readVenusConfig(env);
  return new Promise((resolve) => {
    let buf = '';
    const c = createConnection(socketPath(cacheDir));
    c.setEncoding('utf8');
    c.on('connect', () => c.write(JSON.stringify(req) + '\n'));
    c.on('data', (d: string) => { buf += d; });
    c.on('end', () => { try { resolve(JSON.parse(buf) as Record<string, unknown>); } catch { resolve(null); } });
    c.on('error', () => resolve(null));
  });
}
