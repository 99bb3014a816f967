// Every example that a `--help` text shows, as data: the builders print them and test/cli/help-examples.test.ts
// runs each one against a lab (with `inventory.yaml` and `/tmp/cell` replaced by the lab's), so a false example
// fails a test instead of a new user.
import type { Argv } from 'yargs';

export interface HelpExample {
  /**
   * The command line after `codaplay`, word by word. On a lab, the test reads `inventory.yaml` and `/tmp/cell` as
   * the lab's inventory and directory, `scm.example.org`, `root` and the key files as the lab's SCM, user and keys.
   */
  args: string[];
  describe: string;
  /** The exit code the example gives on a running lab. */
  exit: number;
}

/** Placeholders the examples use; the test substitutes a real lab's inventory file and directory. */
export const EXAMPLE_INVENTORY = 'inventory.yaml';
export const EXAMPLE_LAB_DIR = '/tmp/cell';

/** Keyed by the command path as typed after `codaplay` ('' for the top level). */
export const HELP_EXAMPLES: Readonly<Record<string, readonly HelpExample[]>> = {
  '': [
    { args: ['run', 'add-replica', '-i', 'inventory.yaml'], describe: 'add the replicas the inventory describes (the bundled playbook, by name)', exit: 0 },
    { args: ['run', 'add-replica', '-i', 'inventory.yaml', '--check', '--diff'], describe: 'show what would change, change nothing', exit: 0 },
    { args: ['ping', '-i', 'inventory.yaml'], describe: 'reach every host, show host-key fingerprints', exit: 0 },
    { args: ['inventory', 'discover', '--scm', 'scm.example.org', '-u', 'root', '-o', 'cell.yaml'], describe: 'write an inventory of an existing cell', exit: 0 },
    { args: ['lab', 'up', '--dir', '/tmp/cell'], describe: 'start a simulated Coda cell to try it on', exit: 0 },
  ],
  run: [
    { args: ['run', 'playbooks/add-replica.yaml', '-i', 'inventory.yaml'], describe: 'run a playbook file (a bare name such as add-replica finds the bundled one)', exit: 0 },
    { args: ['run', 'add-replica', '-i', 'inventory.yaml', '--check', '--diff', '--limit', 'servers'], describe: 'preview the changes on the servers only', exit: 0 },
    { args: ['run', 'add-replica', '-i', 'inventory.yaml', '-e', 'volumes=all', '--json'], describe: 'extra vars, and one machine-readable JSON report on stdout', exit: 0 },
  ],
  ping: [
    { args: ['ping', '-i', 'inventory.yaml'], describe: 'check every host answers and show its host-key fingerprint', exit: 0 },
    { args: ['ping', '-i', 'inventory.yaml', '--limit', 'servers', '--accept-new-host-keys'], describe: 'first contact with the servers: record their keys', exit: 0 },
  ],
  validate: [
    { args: ['validate', 'add-replica', '-i', 'inventory.yaml'], describe: 'static checks before a run', exit: 0 },
  ],
  lab: [
    { args: ['lab', 'up', '--dir', '/tmp/cell'], describe: 'start a cell; its inventory is /tmp/cell/inventory.yaml', exit: 0 },
    { args: ['lab', 'status', '--dir', '/tmp/cell'], describe: 'hosts, addresses and daemons', exit: 0 },
    { args: ['lab', 'down', '--dir', '/tmp/cell'], describe: 'stop every process of the cell', exit: 0 },
  ],
  'lab up': [
    { args: ['lab', 'up', '--dir', '/tmp/cell'], describe: 'the default cell: an SCM, one new server, one client, 3 volumes', exit: 0 },
    { args: ['lab', 'up', '--dir', '/tmp/cell', '--servers', '2', '--bare-new-server', '--coda-version', '8.1'], describe: 'two existing servers, a bare new one (the playbook runs vice-setup), Coda 8.1', exit: 0 },
  ],
  'lab down': [
    { args: ['lab', 'down', '--dir', '/tmp/cell'], describe: 'stop every process the lab started (by pid)', exit: 0 },
  ],
  'lab status': [
    { args: ['lab', 'status', '--dir', '/tmp/cell', '--replicas'], describe: 'hosts and daemons, and the files of every replica', exit: 0 },
  ],
  'lab fault': [
    { args: ['lab', 'fault', 'client1', 'disconnectAfter=5', '--dir', '/tmp/cell'], describe: 'the next walk of client1 loses its servers after 5 objects', exit: 0 },
    { args: ['lab', 'fault', 'new1', 'createRepFails=true', '--dir', '/tmp/cell'], describe: 'create_rep fails on new1', exit: 0 },
    { args: ['lab', 'fault', 'new1', '--clear', '--dir', '/tmp/cell'], describe: 'clear every knob of new1', exit: 0 },
  ],
  'inventory discover': [
    { args: ['inventory', 'discover', '--scm', 'scm.example.org', '-u', 'root', '-o', 'cell.yaml'], describe: 'read the cell from its SCM; write a ready inventory to cell.yaml', exit: 0 },
    { args: ['inventory', 'discover', '--scm', 'scm.example.org', '-u', 'root', '-i', '~/.ssh/coda_admin', '--known-hosts', '~/.ssh/known_hosts'], describe: 'with a key and a known_hosts file; the inventory goes to stdout', exit: 0 },
  ],
};

/** Adds the examples of one command to its yargs builder. */
export function withExamples<T>(y: Argv<T>, command: string): Argv<T> {
  for (const e of HELP_EXAMPLES[command] ?? []) y.example(`$0 ${e.args.join(' ')}`, e.describe);
  return y;
}
