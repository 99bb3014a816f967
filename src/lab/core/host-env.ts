// Everything a simulated tool needs to know about "this machine": the lab, the host, its root directory.
import { join } from 'node:path';
import { findLabHost, loadLabConfig, type LabConfig, type LabHostConfig } from './lab-config.js';

export interface HostEnv {
  lab: LabConfig;
  host: LabHostConfig;
  /** Host root: the simulated machine's files live below it. */
  root: string;
  /**
   * Directory of Coda's config files on this host: 8.1 keeps them in <prefix>/etc/coda, 6.x in <prefix>/etc
   * (OBSERVED, corrections); the host root stands for the prefix.
   */
  confDir: string;
}

export function confDirOf(version: LabConfig['version'], root: string): string {
  return version === '8.1' ? join(root, 'etc', 'coda') : join(root, 'etc');
}

export function loadHostEnv(env: NodeJS.ProcessEnv = process.env): HostEnv {
  const lab = loadLabConfig(env.CODA_LAB_DIR);
  const name = env.CODA_LAB_HOST;
  if (!name) throw new Error('CODA_LAB_HOST is not set: this tool runs inside a codaplay lab host');
  const host = findLabHost(lab, name);
  if (!host) throw new Error(`lab has no host ${name}`);
  return { lab, host, root: host.root, confDir: confDirOf(lab.version, host.root) };
}
