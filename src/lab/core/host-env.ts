// Everything a simulated tool needs to know about "this machine": the lab, the host, its root directory.
import { join } from 'node:path';
import { findLabHost, loadLabConfig, type LabConfig, type LabHostConfig } from './lab-config.js';

export interface HostEnv {
  lab: LabConfig;
  host: LabHostConfig;
  /** Host root: the simulated machine's files live below it. */
  root: string;
  /** Directory of Coda's config files on this host (real Coda: /etc/coda). */
  confDir: string;
}

export function loadHostEnv(env: NodeJS.ProcessEnv = process.env): HostEnv {
  const lab = loadLabConfig(env.CODA_LAB_DIR);
  const name = env.CODA_LAB_HOST;
  if (!name) throw new Error('CODA_LAB_HOST is not set: this tool runs inside a codaplay lab host');
  const host = findLabHost(lab, name);
  if (!host) throw new Error(`lab has no host ${name}`);
  return { lab, host, root: host.root, confDir: join(host.root, 'etc', 'coda') };
}
