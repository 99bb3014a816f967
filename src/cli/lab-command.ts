// `codaplay lab up|down|status|fault`: the simulated Coda cell (src/lab) — this file only parses and delegates.
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { labDown, labFault, labStatus, labUp } from '../lab/lab.js';
import { CliError, EXIT } from './cli-error.js';

interface LabArgs {
  action: string;
  host?: string;
  clear?: boolean;
  dir?: string;
  servers?: number;
  'new-servers'?: number;
  clients?: number;
  volumes?: number;
  files?: number;
  'coda-version'?: string;
  'bare-new-server'?: boolean;
  'time-factor'?: number;
  'update-interval'?: number;
  knobs?: string[];
  replicas?: boolean;
}

async function handler(a: ArgumentsCamelCase<LabArgs>): Promise<void> {
  const o = {
    dir: a.dir, servers: a.servers, newServers: a['new-servers'], clients: a.clients, volumes: a.volumes, files: a.files,
    codaVersion: a['coda-version'], bareNewServer: a['bare-new-server'], timeFactor: a['time-factor'], updateIntervalSec: a['update-interval'],
    host: a.host, knobs: a.knobs, clear: a.clear, replicas: a.replicas,
  };
  const run = { up: labUp, down: labDown, status: labStatus, fault: labFault }[a.action as 'up'];
  if (!run) throw new CliError(EXIT.badOptions, `unknown lab action ${a.action}: use up, down, status or fault`);
  process.exitCode = await run(o);
}

export const labCommand: CommandModule<object, LabArgs> = {
  command: 'lab <action> [host] [knobs..]',
  describe: 'A local simulated Coda cell (real sshd per host, simulated Coda tools) to try playbooks on: up, down, status, fault',
  builder: ((y: Argv) => y
    .positional('action', { choices: ['up', 'down', 'status', 'fault'], describe: 'up: create and start a cell; down: stop it; status: show hosts and daemons; fault: set a fault knob on a host' })
    .positional('host', { type: 'string', describe: 'fault: the lab host to act on' })
    .positional('knobs', { type: 'string', array: true, describe: 'fault: knobs such as serverDown=1 or disconnectAfter=5 (see docs/lab-internals.md)' })
    .option('replicas', { type: 'boolean', describe: 'status: also list every volume\'s replicas' })
    .option('dir', { type: 'string', describe: 'Directory of the cell (created by up; default .lab in the current directory)' })
    .option('servers', { type: 'number', describe: 'up: existing servers, the first is the SCM (default 2)' })
    .option('new-servers', { type: 'number', describe: 'up: hosts of group replicas to add (default 1)' })
    .option('clients', { type: 'number', describe: 'up: clients (default 1)' })
    .option('volumes', { type: 'number', describe: 'up: replicated volumes (default 3)' })
    .option('files', { type: 'number', describe: 'up: files per volume (default 6)' })
    .option('coda-version', { type: 'string', describe: 'up: Coda version to simulate, e.g. 6.9 or 6.1 (default 6.9)' })
    .option('bare-new-server', { type: 'boolean', describe: 'up: leave the new server bare, so the playbook runs vice-setup' })
    .option('time-factor', { type: 'number', describe: 'up: scale the simulated daemons\' delays (1 = real time, 0.02 in tests)' })
    .option('update-interval', { type: 'number', describe: 'up: seconds between updateclnt fetches (default 30, as Coda; tests that compare --check with a run stretch it so only codaplay changes the cell)' })
    .option('clear', { type: 'boolean', describe: 'fault: clear every fault knob of the host' })
    .example('$0 lab up --dir /tmp/cell', 'start a cell; its inventory is /tmp/cell/inventory.yaml')
    .example('$0 lab fault server2 serverDown=1 --dir /tmp/cell', 'stage a failure')
    .example('$0 lab down --dir /tmp/cell', 'stop every process of the cell')) as unknown as CommandModule<object, LabArgs>['builder'],
  handler,
};
