// `codaplay inventory discover --scm HOST`: write a ready inventory for an existing cell, read from its SCM and
// servers (src/coda/discover). Connection options as for ping; each host key is verified as for any run.
import { lookup } from 'node:dns/promises';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { userInfo } from 'node:os';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import type { ConnectionSettings } from '../coda/discover/render-inventory.js';
import { errorInfoFrom } from '../engine/task-errors.js';
import type { InventoryHost } from '../inventory/types.js';
import { resolveSshSettings } from '../transport/ssh-config.js';
import { TransportError } from '../transport/transport.js';
import { CliError, EXIT } from './cli-error.js';
import { withExamples } from './help-examples.js';
import { sshConfigOption } from './ssh-config-option.js';

interface DiscoverArgs {
  scm: string;
  user?: string;
  identity?: string;
  port?: number;
  'known-hosts'?: string;
  confdir?: string;
  realm?: string;
  output?: string;
  'accept-new-host-keys': boolean;
  'ssh-config'?: string;
}

const expandHome = (p: string | undefined): string | undefined => (p === undefined ? undefined : resolve(p.replace(/^~(?=\/|$)/, process.env.HOME ?? '~')));

async function discover(a: ArgumentsCamelCase<DiscoverArgs>): Promise<void> {
  const connection: ConnectionSettings = { port: a.port, user: a.user, identityFile: expandHome(a.identity), knownHostsFile: expandHome(a['known-hosts']) };
  // project.js loads every module: only when this command runs (see run-handler.ts).
  const { transportFactory } = await import('./project.js');
  const create = transportFactory(a['accept-new-host-keys'], a['ssh-config']);
  // Options not given are left to the ssh config (~/.ssh/config or -F), then to ssh's defaults, as for ping.
  const hostFor = (name: string, address: string): InventoryHost => ({
    name, address, port: a.port ?? 22, user: a.user ?? userInfo().username, connection: 'ssh', setByInventory: { port: a.port !== undefined, user: a.user !== undefined },
    identityFile: connection.identityFile, knownHostsFile: connection.knownHostsFile, groups: ['all'], vars: {}, location: 'command line',
  });
  const connect = (name: string, address: string) => create(hostFor(name, address));
  // A server name the ssh config maps to a HostName is reached by that name, as ssh would.
  const knownToSsh = (name: string) => resolveSshSettings(hostFor(name, name), { acceptNewHostKeys: false, sshConfigFile: a['ssh-config'] }).address !== name;
  const resolveLocally = async (name: string) => knownToSsh(name) || (await lookup(name).then(() => true, () => false));
  try {
    // Loaded only for this command: `codaplay run` starts faster without it.
    const [{ discoverCell }, { renderInventory }] = await Promise.all([import('../coda/discover/discover-cell.js'), import('../coda/discover/render-inventory.js')]);
    const cell = await discoverCell({ scm: a.scm, connect, confdir: a.confdir, resolveLocally });
    const text = renderInventory(cell, { scm: a.scm, realm: a.realm, connection, generatedBy: `written by \`codaplay inventory discover\` on ${new Date().toISOString().slice(0, 10)}` });
    if (a.output) writeFileSync(a.output, text);
    else process.stdout.write(text);
    const problems = cell.servers.flatMap((s) => s.problems.map((p) => `${s.codaName}: ${p}`));
    for (const p of problems) process.stderr.write(`codaplay: warning: ${p}\n`);
    if (a.output) process.stderr.write(`wrote ${a.output}: ${cell.servers.length} server(s), ${cell.volumes.length} volume(s); fill in the new server and the clients\n`);
  } catch (err) {
    if (err instanceof (await import('../coda/discover/discover-cell.js')).DiscoverError) throw new CliError(EXIT.error, err.message);
    if (err instanceof TransportError) {
      const e = errorInfoFrom(err);
      throw new CliError(EXIT.unreachable, `${a.scm}: ${e.message}${e.hint ? `\nhint: ${e.hint}` : ''}`);
    }
    throw err;
  }
}

const discoverCommand: CommandModule<object, DiscoverArgs> = {
  command: 'discover',
  describe: 'Read an existing cell from its SCM (servers, ids, vicedirs, partitions, volumes) and write a ready inventory; changes nothing',
  builder: ((y: Argv) => withExamples(sshConfigOption(y)
    .option('scm', { type: 'string', demandOption: true, describe: 'The SCM to connect to (name or address)' })
    .option('user', { alias: 'u', type: 'string', describe: 'Remote user (default: the ssh config\'s User, else your local user name)' })
    .option('identity', { alias: 'i', type: 'string', describe: 'Private key file (default: the ssh config\'s IdentityFile and the SSH agent)' })
    .option('port', { type: 'number', describe: 'SSH port (default: the ssh config\'s Port, else 22)' })
    .option('known-hosts', { type: 'string', describe: 'known_hosts file to verify host keys against (default ~/.ssh/known_hosts)' })
    .option('accept-new-host-keys', { type: 'boolean', default: false, describe: 'Record unknown host keys in known_hosts (a changed key is always refused)' })
    .option('confdir', { type: 'string', describe: 'Directory of server.conf on every server (default: $CODACONFPATH, then /usr/local/etc/coda, /etc/coda, …)' })
    .option('realm', { type: 'string', describe: "The realm's name (default: the domain of the SCM's name)" })
    .option('output', { alias: 'o', type: 'string', describe: 'Write the inventory to this file (default: stdout)' }), 'inventory discover')) as unknown as CommandModule<object, DiscoverArgs>['builder'],
  handler: discover,
};

export const inventoryCommand: CommandModule<object, DiscoverArgs> = {
  command: 'inventory <command>',
  describe: 'Inventories: discover one from a running cell',
  builder: ((y: Argv) => y.command(discoverCommand).demandCommand(1, 'name an inventory command: discover')) as unknown as CommandModule<object, DiscoverArgs>['builder'],
  handler: () => undefined,
};
