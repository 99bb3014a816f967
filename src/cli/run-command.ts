// `codaplay run <playbook> -i <inventory>`: load and validate everything, run the engine, report, map to an exit code.
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { CliError, EXIT } from './cli-error.js';
import { withExamples } from './help-examples.js';
import { bundledPlaybooks } from './playbook-path.js';
import { sshConfigOption } from './ssh-config-option.js';

export interface RunArgs {
  playbook: string;
  inventory: string;
  check: boolean;
  diff: boolean;
  limit?: string;
  tags?: string[];
  'skip-tags'?: string[];
  'start-at-task'?: string;
  'extra-vars'?: string[];
  forks?: number;
  json: boolean;
  'accept-new-host-keys': boolean;
  'force-setup'?: boolean;
  'ssh-config'?: string;
  'force-handlers'?: boolean;
  verbose: number;
}

export function inventoryOption<T>(y: Argv<T>) {
  return y.option('inventory', { alias: 'i', type: 'string', demandOption: true, describe: 'Inventory: Ansible YAML or INI (hosts, groups, vars; group_vars/ and host_vars/ beside it are read; see inventory.example.yaml)' });
}

function builder(y: Argv) {
  sshConfigOption(inventoryOption(y.positional('playbook', { type: 'string', demandOption: true, describe: `Playbook YAML file, or the name of a bundled one (${bundledPlaybooks().join(', ')})` })))
    .option('check', { alias: 'C', type: 'boolean', default: false, describe: 'Probe only: report what would change, change nothing anywhere' })
    .option('diff', { alias: 'D', type: 'boolean', default: false, describe: 'Print unified diffs of file edits (secrets masked)' })
    .option('limit', { alias: 'l', type: 'string', describe: 'Further restrict hosts with a pattern (group or host names, ":" or "," separated, "!" excludes) or @file (one name a line)' })
    .option('tags', { alias: 't', type: 'string', array: true, describe: 'Only run tasks with these tags (comma separated or repeated; "always" tasks still run)' })
    .option('skip-tags', { type: 'string', array: true, describe: 'Skip tasks with these tags' })
    .option('start-at-task', { type: 'string', describe: 'Start at the task with this exact name (earlier tasks are left out)' })
    .option('extra-vars', { alias: 'e', type: 'string', array: true, describe: 'Extra variables, highest precedence: key=value, a JSON/YAML object, or @file.yaml (repeatable)' })
    .option('forks', { alias: 'f', type: 'number', describe: 'Hosts that run a task at once (default: all)' })
    .option('json', { type: 'boolean', default: false, describe: 'Print ONE JSON document (plays, tasks, per-host results, stats) to stdout at the end, nothing else' })
    .option('accept-new-host-keys', { type: 'boolean', default: false, describe: 'Record unknown host keys in known_hosts (a changed key is always refused)' })
    .option('force-handlers', { type: 'boolean', default: false, describe: 'Run notified handlers on hosts that failed too' })
    .option('force-setup', { type: 'boolean', default: false, describe: 'Let vice_setup run again on a half set-up server (it wipes the RVM log and data); same as -e force_setup=true' })
    .option('verbose', { alias: 'v', type: 'count', describe: 'More output: -v task paths and progress notes, -vv commands run' })
    .check((a) => {
      if (a.forks !== undefined && (!Number.isInteger(a.forks) || a.forks < 1)) throw new CliError(EXIT.badOptions, '--forks must be a whole number ≥ 1');
      return true;
    });
  return withExamples(y, 'run');
}

/** The work is in run-handler.ts, loaded only when `run` is the command (it connects while the rest loads). */
async function handler(a: ArgumentsCamelCase<RunArgs>): Promise<void> {
  await (await import('./run-handler.js')).runHandler(a);
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run <playbook>',
  describe: 'Run a playbook on the inventory\'s hosts over SSH (hosts in parallel, tasks in order)',
  builder: builder as unknown as CommandModule<object, RunArgs>['builder'],
  handler,
};
