// codaplay's command line (the only place importing yargs), loaded by main.ts once Ctrl-C is handled. Each
// subcommand lives in its own file; this one wires them and maps errors to exit codes: bad options 5, CliError its
// own code, anything unexpected 250.
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { CliError, EXIT } from './cli-error.js';
import { withExamples } from './help-examples.js';
import { inventoryCommand } from './inventory-command.js';
import { labCommand } from './lab-command.js';
import { pingCommand } from './ping-command.js';
import { runCommand } from './run-command.js';
import { validateCommand } from './validate-command.js';

const EPILOGUE = `Exit codes (as ansible-playbook): 0 ok, 1 error, 2 a host failed, 4 a host unreachable or a parse error, \
5 bad options, 99 interrupted, 250 unexpected error.
Docs: README.md and docs/ in the codaplay repository.`;

function exitWith(code: number, message: string): never {
  process.stderr.write(`codaplay: ${message}\n`);
  process.exit(code);
}

export async function main(argv: string[]): Promise<void> {
  const cli = withExamples(yargs(argv)
    .scriptName('codaplay')
    .usage('$0 <command> [options]\n\nRun playbooks over SSH, Ansible-style; built to add a replicated server to a running Coda cell with one rerunnable command.')
    .command(runCommand)
    .command(pingCommand)
    .command(validateCommand)
    .command(labCommand)
    .command(inventoryCommand)
    .demandCommand(1, 'name a command: run, ping, validate, lab or inventory')
    .recommendCommands()
    .strict(), '')
    .epilogue(EPILOGUE)
    .help()
    .alias('h', 'help')
    .version()
    // yargs renders the whole help text before every command's handler (to have it ready); wrapping it costs
    // ~0.1 s of CPU per run. Our fail handler never prints it, so it is wrapped only when --help will show it.
    .wrap(argv.includes('--help') || argv.includes('-h') ? Math.min(120, process.stdout.columns ?? 100) : null)
    .fail((msg, err) => {
      if (err instanceof CliError) exitWith(err.exitCode, err.message);
      if (err && typeof err === 'object') exitWith(EXIT.unexpected, `unexpected error: ${err.stack ?? err.message}`);
      process.stderr.write(`codaplay: ${msg}\nRun "codaplay --help" or "codaplay <command> --help".\n`);
      process.exit(EXIT.badOptions);
    });
  await cli.parseAsync();
}

await main(hideBin(process.argv));
