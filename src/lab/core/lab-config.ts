// The lab's own description of itself, written by `lab up` to <labdir>/lab.json and read by every simulated
// Coda tool and daemon. A tool learns which host it runs on from CODA_LAB_HOST (set by that host's sshd).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type CodaVersion = '6.1' | '6.9' | '8.1';
export type LabRole = 'scm' | 'server' | 'new-server' | 'client';

export interface LabHostConfig {
  /** Fully qualified name, e.g. scm.coda.lab; what the hosts files and servers file say. */
  name: string;
  /** Short name, e.g. scm; also the folder name under the lab dir and the inventory host name. */
  short: string;
  /** Loopback address of the host's sshd, codasrv, venus peers (127.a.b.c). */
  ip: string;
  /** Host root directory: etc/, vice/, vicepa/, coda/ … live below it. */
  root: string;
  role: LabRole;
  /** Server id for servers (listed or planned). */
  serverId?: number;
  /** A new server left with the software but no vice-setup (issue 5). */
  bare?: boolean;
}

export interface LabConfig {
  dir: string;
  version: CodaVersion;
  /** Multiplies every simulated wait (down-server timeouts, start-up, shutdown), so tests stay quick. */
  timeFactor: number;
  /** updateclnt's polling interval in seconds (real Coda: 30). */
  updateIntervalSec: number;
  realm: string;
  sshPort: number;
  codasrvPort: number;
  updatePort: number;
  auth2Port: number;
  /** Absolute path of the compiled simulator entry (dist/src/lab/tools/main.js) that the bin/ shims exec. */
  toolsEntry: string;
  /** Tool-service workers started ahead and kept warm (service.ts); default 2. */
  toolWorkers?: number;
  /** User the lab's sshd lets in. */
  user: string;
  hosts: LabHostConfig[];
}

export const LAB_CONFIG_FILE = 'lab.json';

/**
 * Default lab directory: short on purpose. Coda refuses partition paths of 32 bytes or more (OBSERVED), and the
 * lab's partitions live at <dir>/<host>/vicepa.
 */
export function defaultLabDir(): string {
  return `/tmp/cplab-${process.getuid?.() ?? 'user'}`;
}

export function loadLabConfig(dir: string | undefined = process.env.CODA_LAB_DIR): LabConfig {
  if (!dir) throw new Error('CODA_LAB_DIR is not set: this tool runs inside a codaplay lab host');
  return JSON.parse(readFileSync(join(dir, LAB_CONFIG_FILE), 'utf8')) as LabConfig;
}

export function findLabHost(lab: LabConfig, nameOrShort: string): LabHostConfig | undefined {
  return lab.hosts.find((h) => h.short === nameOrShort || h.name === nameOrShort);
}

export function scmHost(lab: LabConfig): LabHostConfig {
  const scm = lab.hosts.find((h) => h.role === 'scm');
  if (!scm) throw new Error('lab has no SCM host');
  return scm;
}
