// `codaplay lab up|down|status|fault`: the simulated Coda cell (src/lab). Each action is its own yargs subcommand,
// so `lab up --help` shows lab up's options; the defaults shown are the values passed to the lab (yargs `default`),
// so the help cannot drift from what runs. This file only parses and delegates.
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { defaultLabDir } from '../lab/core/lab-config.js';
import { FAULT_KNOB_NAMES } from '../lab/core/faults.js';
import { withExamples } from './help-examples.js';

// The lab's code loads only for a lab command: `codaplay run` starts faster without it.
const loadLab = (): Promise<typeof import('../lab/lab.js')> => import('../lab/lab.js');

interface LabArgs {
  dir: string;
  host?: string;
  knobs?: string[];
  clear?: boolean;
  replicas?: boolean;
  servers: number;
  'new-servers': number;
  clients: number;
  volumes: number;
  files: number;
  'coda-version': string;
  'bare-new-server': boolean;
  'time-factor': number;
  'update-interval': number;
  'tool-workers': number;
}

/** What `lab up` builds when given no options (docs/lab.md "Default"). */
export const LAB_UP_DEFAULTS = { servers: 1, newServers: 1, clients: 1, volumes: 3, files: 20, codaVersion: '6.9', timeFactor: 0.1, updateInterval: 30 } as const;

const dirOption = <T>(y: Argv<T>) => y.option('dir', { type: 'string', default: defaultLabDir(), describe: 'Directory of the cell (up creates it)' });

type Builder = CommandModule<object, LabArgs>['builder'];

const upCommand: CommandModule<object, LabArgs> = {
  command: 'up',
  describe: 'Create and start a cell: an SCM with replicated volumes, new servers to add, clients; writes <dir>/inventory.yaml',
  builder: ((y: Argv) => withExamples(dirOption(y)
    .option('servers', { type: 'number', default: LAB_UP_DEFAULTS.servers, describe: 'Existing servers; the first is the SCM' })
    .option('new-servers', { type: 'number', default: LAB_UP_DEFAULTS.newServers, describe: 'Hosts of group replicas (set up, not yet listed in servers)' })
    .option('clients', { type: 'number', default: LAB_UP_DEFAULTS.clients, describe: 'Clients with venus running and the realm mounted' })
    .option('volumes', { type: 'number', default: LAB_UP_DEFAULTS.volumes, describe: 'Replicated volumes besides /' })
    .option('files', { type: 'number', default: LAB_UP_DEFAULTS.files, describe: 'Files per volume' })
    .option('coda-version', { type: 'string', default: LAB_UP_DEFAULTS.codaVersion, choices: ['6.1', '6.9', '8.1'], describe: 'Coda version to simulate' })
    .option('bare-new-server', { type: 'boolean', default: false, describe: 'Leave the new servers bare (software only), so the playbook runs vice-setup' })
    .option('time-factor', { type: 'number', default: LAB_UP_DEFAULTS.timeFactor, describe: 'Scale of the simulated daemons\' delays (1 = real Coda\'s)' })
    .option('update-interval', { type: 'number', default: LAB_UP_DEFAULTS.updateInterval, describe: 'Seconds between updateclnt fetches (Coda: 30; tests comparing --check with a run stretch it so only codaplay changes the cell)' })
    .option('tool-workers', { type: 'number', default: 2, describe: 'Warm workers of the lab\'s tool service: as many as the calls you run at once (the bench: 8 per server), so no call waits for a Node start that real Coda\'s tools do not have' }), 'lab up')) as unknown as Builder,
  handler: async (a: ArgumentsCamelCase<LabArgs>) => {
    process.exitCode = await (await loadLab()).labUp({
      dir: a.dir, servers: a.servers, newServers: a['new-servers'], clients: a.clients, volumes: a.volumes, files: a.files,
      codaVersion: a['coda-version'], bareNewServer: a['bare-new-server'], timeFactor: a['time-factor'], updateIntervalSec: a['update-interval'], toolWorkers: a['tool-workers'],
    });
  },
};

const downCommand: CommandModule<object, LabArgs> = {
  command: 'down',
  describe: 'Stop every process of the cell (by pid); its files stay',
  builder: ((y: Argv) => withExamples(dirOption(y), 'lab down')) as unknown as Builder,
  handler: async (a: ArgumentsCamelCase<LabArgs>) => { process.exitCode = await (await loadLab()).labDown({ dir: a.dir }); },
};

const statusCommand: CommandModule<object, LabArgs> = {
  command: 'status',
  describe: 'Show the hosts, their addresses and daemons (pid, up or down)',
  builder: ((y: Argv) => withExamples(dirOption(y)
    .option('replicas', { type: 'boolean', default: false, describe: 'Also list the files of every volume replica' }), 'lab status')) as unknown as Builder,
  handler: async (a: ArgumentsCamelCase<LabArgs>) => { process.exitCode = await (await loadLab()).labStatus({ dir: a.dir, replicas: a.replicas }); },
};

const faultCommand: CommandModule<object, LabArgs> = {
  command: 'fault <host> [knobs..]',
  describe: 'Set fault knobs on a lab host; the running daemons read them at once (knobs: docs/lab.md)',
  builder: ((y: Argv) => withExamples(dirOption(y)
    .positional('host', { type: 'string', describe: 'A lab host by its short name (scm, srv2, new1, client1, …; see lab status)' })
    .positional('knobs', { type: 'string', array: true, describe: `knob=value items; knobs: ${FAULT_KNOB_NAMES.join(', ')} (docs/lab.md)` })
    .option('clear', { type: 'boolean', default: false, describe: 'Clear every knob of the host first' }), 'lab fault')) as unknown as Builder,
  handler: async (a: ArgumentsCamelCase<LabArgs>) => {
    process.exitCode = await (await loadLab()).labFault({ dir: a.dir, host: a.host, knobs: a.knobs, clear: a.clear });
  },
};

export const labCommand: CommandModule<object, LabArgs> = {
  command: 'lab <command>',
  describe: 'A local simulated Coda cell (a real sshd per host, simulated Coda tools) to try playbooks on: up, down, status, fault',
  builder: ((y: Argv) => withExamples(y
    .command(upCommand).command(downCommand).command(statusCommand).command(faultCommand)
    .demandCommand(1, 'name a lab command: up, down, status or fault'), 'lab')) as unknown as Builder,
  handler: () => undefined,
};
