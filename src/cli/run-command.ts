// `codaplay run <playbook> -i <inventory>`: load and validate everything, run the engine, report, map to an exit code.
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { runPlaybook, RunOptionsError } from '../engine/run-playbook.js';
import { createReporter } from '../report/create-reporter.js';
import { applyLimitOption, printInventoryWarnings } from './limit-option.js';
import { CliError, EXIT } from './cli-error.js';
import { withExamples } from './help-examples.js';
import { bundledPlaybooks, resolvePlaybookPath } from './playbook-path.js';
import { loadProject, projectHelpers, transportFactory } from './project.js';
import { sshConfigOption } from './ssh-config-option.js';

interface RunArgs {
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

const splitList = (v: string[] | undefined) => (v ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);

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

async function handler(a: ArgumentsCamelCase<RunArgs>): Promise<void> {
  const project = await loadProject(resolvePlaybookPath(a.playbook), a.inventory, [...(a['extra-vars'] ?? []), ...(a['force-setup'] ? ['force_setup=true'] : [])]);
  printInventoryWarnings(project.inventory);
  const limit = applyLimitOption(project.inventory, a.limit);
  const ac = new AbortController();
  const onSigint = () => {
    ac.abort();
    process.stderr.write('\ncodaplay: interrupted: finishing the running task, then only the always sections of the blocks it is in (cleanup such as releasing a lock); Ctrl-C again to stop now\n');
    process.once('SIGINT', () => process.exit(EXIT.interrupted));
  };
  process.once('SIGINT', onSigint);
  const secrets = [...project.inventory.hosts.values()].flatMap((h) => (h.becomePassword ? [h.becomePassword] : []));
  const reporter = createReporter({ json: a.json, out: process.stdout, diff: a.diff, verbosity: a.verbose ?? 0, secrets });
  try {
    const outcome = await runPlaybook({
      playbook: project.playbook, inventory: project.inventory, registry: project.registry,
      options: {
        check: a.check, diff: a.diff, limit, tags: splitList(a.tags), skipTags: splitList(a['skip-tags']),
        startAtTask: a['start-at-task'], extraVars: project.extraVars, forks: a.forks,
        acceptNewHostKeys: a['accept-new-host-keys'], verbosity: a.verbose ?? 0, signal: ac.signal, secrets, forceHandlers: a['force-handlers'],
      },
      helpers: projectHelpers(), createTransport: transportFactory(a['accept-new-host-keys'], a['ssh-config']), listener: reporter.listener,
    });
    await reporter.done();
    process.exitCode = outcome.exitCode;
  } catch (err) {
    if (err instanceof RunOptionsError) throw new CliError(EXIT.badOptions, err.message);
    throw err;
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run <playbook>',
  describe: 'Run a playbook on the inventory\'s hosts over SSH (hosts in parallel, tasks in order)',
  builder: builder as unknown as CommandModule<object, RunArgs>['builder'],
  handler,
};
