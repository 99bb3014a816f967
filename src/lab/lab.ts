// What `codaplay lab …` calls (src/cli/lab-command.ts): each entry prints for a person and returns the exit status.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultLabDir, LAB_CONFIG_FILE, type CodaVersion, type LabConfig } from './core/lab-config.js';
import { labDown as down } from './infra/lab-down.js';
import { labFault as fault } from './infra/lab-fault.js';
import { labStatus as status } from './infra/lab-status.js';
import { labUp as up, LabError } from './infra/lab-up.js';

interface LabCliOptions {
  dir?: string;
  servers?: number;
  newServers?: number;
  clients?: number;
  volumes?: number;
  files?: number;
  codaVersion?: string;
  bareNewServer?: boolean;
  timeFactor?: number;
  updateIntervalSec?: number;
  toolWorkers?: number;
  host?: string;
  knob?: string;
  knobs?: string[];
  clear?: boolean;
  replicas?: boolean;
}

const VERSIONS = ['6.1', '6.9', '8.1'];

export async function labUp(o: LabCliOptions): Promise<number> {
  if (o.codaVersion && !VERSIONS.includes(o.codaVersion)) {
    process.stderr.write(`codaplay lab up: --coda-version must be one of ${VERSIONS.join(', ')}\n`);
    return 5;
  }
  const dir = resolve(o.dir ?? defaultLabDir());
  try {
    const lab = await up({ ...o, dir, codaVersion: o.codaVersion as CodaVersion | undefined, log: (l) => process.stdout.write(`${l}\n`) });
    const inv = join(dir, 'inventory.yaml');
    const scm = lab.hosts.find((h) => h.role === 'scm')!;
    process.stdout.write([
      '',
      `Lab up in ${dir} (Coda ${lab.version}, ${lab.hosts.length} hosts). Inventory: ${inv}`,
      `  ssh into a host:   ssh -i ${join(dir, 'keys/id_ed25519')} -o UserKnownHostsFile=${join(dir, 'keys/known_hosts')} -p ${lab.sshPort} ${scm.ip}`,
      `  add the replica:   codaplay run add-replica -i ${inv}`,
      `  stage a failure:   codaplay lab fault client1 disconnectAfter=5 --dir ${dir}`,
      `  stop everything:   codaplay lab down --dir ${dir}`,
      '',
    ].join('\n'));
    return 0;
  } catch (err) {
    process.stderr.write(`codaplay lab up: ${(err as Error).message}\n`);
    if (!(err instanceof LabError && /already running/.test((err as Error).message))) await down({ dir });
    return err instanceof LabError ? 1 : 250;
  }
}

export async function labDown(o: LabCliOptions): Promise<number> {
  const { stopped } = await down({ dir: o.dir });
  process.stdout.write(stopped.length ? `stopped ${stopped.length} processes: ${stopped.join(', ')}\n` : 'nothing running\n');
  return 0;
}

export async function labStatus(o: LabCliOptions): Promise<number> {
  process.stdout.write(await status({ dir: o.dir, replicas: o.replicas }));
  return 0;
}

/** A knob for a host the lab does not have would be written and read by nobody: refuse it, naming the hosts. */
function checkLabHost(dir: string, host: string): void {
  const file = join(dir, LAB_CONFIG_FILE);
  if (!existsSync(file)) throw new Error(`no lab in ${dir} (codaplay lab up --dir ${dir})`);
  const hosts = (JSON.parse(readFileSync(file, 'utf8')) as LabConfig).hosts.map((h) => h.short);
  if (!hosts.includes(host)) throw new Error(`no host '${host}' in the lab in ${dir} (hosts: ${hosts.join(', ')})`);
}

export async function labFault(o: LabCliOptions): Promise<number> {
  if (!o.host) {
    process.stderr.write('codaplay lab fault: name the host, e.g. codaplay lab fault client1 disconnectAfter=5\n');
    return 5;
  }
  try {
    checkLabHost(resolve(o.dir ?? defaultLabDir()), o.host);
    const knobs = fault({ dir: o.dir, host: o.host, set: [...(o.knob ? [o.knob] : []), ...(o.knobs ?? [])], clear: o.clear });
    process.stdout.write(`${o.host}: ${JSON.stringify(knobs)}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`codaplay lab fault: ${(err as Error).message}\n`);
    return 5;
  }
}
