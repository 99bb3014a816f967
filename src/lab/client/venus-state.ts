// What a simulated venus knows: its config, the realm's root servers, the volume -> VSG cache (invalidated by
// `cfs checkvolumes`), and whether it is disconnected.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HostEnv } from '../core/host-env.js';
import { resolveName } from '../core/name-service.js';
import { parseCodaConf } from '../server/server-conf.js';

export interface Vsg {
  name: string;
  groupId: number;
  replicas: { id: number; ip: string }[];
  valid: boolean;
}

export interface VenusState {
  env: HostEnv;
  mountpoint: string;
  realm: string;
  cacheDir: string;
  rootServers: string[];
  volumes: Map<string, Vsg>;
  disconnected: boolean;
  log(message: string): void;
}

export function readVenusConfig(env: HostEnv): { mountpoint: string; realm: string; cacheDir: string; rootServers: string[] } {
  let conf = new Map<string, string>();
  try { conf = parseCodaConf(readFileSync(join(env.confDir, 'venus.conf'), 'utf8')).values; } catch { /* defaults */ }
  const mountpoint = conf.get('mountpoint') ?? '/coda';
  const realm = conf.get('realm') ?? 'localhost';
  const cacheDir = conf.get('cachedir') ?? join(env.root, 'venus.cache');
  let rootServers: string[] = [];
  try {
    const line = readFileSync(join(env.confDir, 'realms'), 'utf8').split('\n').find((l) => !l.startsWith('#') && l.split(/\s+/)[0] === realm);
    rootServers = (line ?? '').split(/[\s,]+/).slice(1).filter(Boolean);
  } catch { rootServers = []; }
  return { mountpoint, realm, cacheDir, rootServers: rootServers.map((s) => resolveName(env.root, s) ?? s) };
}
