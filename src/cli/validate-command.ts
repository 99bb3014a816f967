// `codaplay validate <playbook> -i inv`: every static check (inventory, playbook, module args, templates that can
// be checked) without connecting; prints all issues with file:line; exit 4 on errors.
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { EXIT } from './cli-error.js';
import { withExamples } from './help-examples.js';
import { bundledPlaybooks, resolvePlaybookPath } from './playbook-path.js';
import { inventoryOption } from './run-command.js';
import { sshConfigIssues, sshConfigOption } from './ssh-config-option.js';

interface ValidateArgs { playbook: string; inventory: string; 'extra-vars'?: string[]; 'ssh-config'?: string }

async function handler(a: ArgumentsCamelCase<ValidateArgs>): Promise<void> {
  // project.js loads every module: only when this command runs (see run-handler.ts).
  const { collectIssues } = await import('./project.js');
  const { issues, warnings, summary } = await collectIssues(resolvePlaybookPath(a.playbook), a.inventory, a['extra-vars'] ?? []);
  if (issues.length === 0) issues.push(...sshConfigIssues(a.inventory, a['ssh-config']));
  for (const w of warnings) process.stdout.write(`${w}\n`);
  for (const i of issues) process.stdout.write(`${i}\n`);
  if (issues.length === 0) process.stdout.write(`ok: ${summary}\n`);
  else process.stderr.write(`codaplay: ${issues.length} issue(s) found\n`);
  process.exitCode = issues.length === 0 ? EXIT.ok : EXIT.unreachable;
}

export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate <playbook>',
  describe: 'Check inventory and playbook (modules, arguments, hosts patterns) without connecting; every issue with file:line (exit 4 on errors)',
  builder: ((y: Argv) => withExamples(sshConfigOption(inventoryOption(y.positional('playbook', { type: 'string', demandOption: true, describe: `Playbook YAML file, or the name of a bundled one (${bundledPlaybooks().join(', ')})` })))
    .option('extra-vars', { alias: 'e', type: 'string', array: true, describe: 'Extra variables, as for run (key=value, JSON/YAML, @file)' }), 'validate')) as unknown as CommandModule<object, ValidateArgs>['builder'],
  handler,
};
