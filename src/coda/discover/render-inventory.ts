// The inventory text for a discovered cell, in the shape of inventory.example.yaml and the lab's inventory (groups
// scm, servers, replicas, clients). Written as text, not dumped, so it can carry comments: where each value came
// from, and the new server and the clients as commented entries (uncomment one level of `# `) to fill in.
import yaml from 'js-yaml';
import { lowestFreeServerId } from '../ids.js';
import type { DiscoveredCell, DiscoveredServer } from './discover-cell.js';

export interface ConnectionSettings {
  port?: number;
  user?: string;
  identityFile?: string;
  knownHostsFile?: string;
}

export interface RenderOptions {
  scm: string;
  /** Default: the SCM name's domain (Coda has no server-side record of the realm's name). */
  realm?: string;
  connection: ConnectionSettings;
  /** Shown in the header: what was read, from where. */
  generatedBy?: string;
}

const scalar = (v: unknown): string => yaml.dump(v, { flowLevel: 0, lineWidth: -1 }).trimEnd();

function line(indent: number, key: string, value?: unknown, comment?: string): string {
  const v = value === undefined ? '' : ` ${scalar(value)}`;
  return `${' '.repeat(indent)}${key}:${v}${comment ? `  # ${comment}` : ''}`;
}

function connectionLines(indent: number, c: ConnectionSettings): string[] {
  return [
    ...(c.port !== undefined ? [line(indent, 'port', c.port)] : []),
    ...(c.user !== undefined ? [line(indent, 'user', c.user)] : []),
    ...(c.identityFile !== undefined ? [line(indent, 'identity_file', c.identityFile)] : []),
    ...(c.knownHostsFile !== undefined ? [line(indent, 'known_hosts_file', c.knownHostsFile)] : []),
  ];
}

/** Inventory names: the first label of each server's name, or the whole name when two first labels collide. */
function inventoryNames(servers: readonly DiscoveredServer[]): Map<DiscoveredServer, string> {
  const short = (s: DiscoveredServer) => s.codaName.split('.')[0]!;
  const clash = (s: DiscoveredServer) => servers.filter((o) => short(o).toLowerCase() === short(s).toLowerCase()).length > 1;
  return new Map(servers.map((s) => [s, clash(s) ? s.codaName : short(s)]));
}

function serverLines(s: DiscoveredServer, name: string, c: ConnectionSettings): string[] {
  return [
    line(8, name),
    ...s.problems.map((p) => `          # NOT FOUND: ${p}`),
    ...(s.address !== name ? [line(10, 'address', s.address)] : []),
    ...connectionLines(10, c),
    line(10, 'coda_name', s.codaName, `server id ${s.serverId} in servers`),
    ...(s.confdir ? [line(10, 'coda_confdir', s.confdir)] : []),
    ...(s.vicedir ? [line(10, 'vicedir', s.vicedir, 'server.conf')] : []),
    ...(s.partition ? [line(10, 'partition', s.partition, 'vicetab')] : []),
  ];
}

const commented = (lines: string[]): string[] => lines.map((l) => l.replace(/^( {8})/, '$1# '));

function newServerLines(cell: DiscoveredCell, scm: DiscoveredServer, c: ConnectionSettings): string[] {
  const domain = cell.scmName.includes('.') ? cell.scmName.slice(cell.scmName.indexOf('.')) : '';
  const id = lowestFreeServerId(cell.usedIds);
  return commented([
    line(8, 'newserver'),
    line(10, 'address', `newserver${domain}`),
    ...connectionLines(10, c),
    line(10, 'coda_name', `newserver${domain}`, 'its name as servers will list it'),
    ...(id !== undefined ? [line(10, 'server_id', id, `lowest free id (servers uses ${cell.usedIds.join(', ')})`)] : []),
    line(10, 'coda_confdir', scm.confdir ?? '/etc/coda'),
    line(10, 'vicedir', scm.vicedir ?? '/vice'),
    line(10, 'partition', '/vicepa', '< 32 bytes'),
    '          # bare: true              # only the Coda software installed: vice-setup runs first, with:',
    '          # rvm_log: /vice-rvm/LOG',
    '          # rvm_data: /vice-rvm/DATA',
    `          # coda_update_token: "…"  # the SCM's ${scm.vicedir ?? '/vice'}/db/update.tk`,
  ]);
}

function clientLines(c: ConnectionSettings): string[] {
  return commented([
    line(8, 'client1'),
    line(10, 'address', 'client1.example.org'),
    ...connectionLines(10, c),
    line(10, 'coda_confdir', '/etc/coda', 'venus.conf and realms'),
    line(10, 'mountpoint', '/coda', "venus.conf's mountpoint="),
    '          # become_password: ""    # when cfs needs sudo on this client',
  ]);
}

const guessRealm = (scmName: string): string => (scmName.includes('.') ? scmName.slice(scmName.indexOf('.') + 1) : scmName);

export function renderInventory(cell: DiscoveredCell, o: RenderOptions): string {
  const names = inventoryNames(cell.servers);
  const scm = cell.servers.find((s) => s.isScm)!;
  const others = cell.servers.filter((s) => !s.isScm);
  return [
    `# Inventory of the Coda cell whose SCM is ${cell.scmName}${o.generatedBy ? `, ${o.generatedBy}` : ''}.`,
    `# Read on the SCM (${o.scm}): server.conf (vicedir), db/servers (servers, ids), db/VRList (volumes), db/scm;`,
    '# on each server: its server.conf (vicedir) and vicetab (partition). Nothing was changed anywhere.',
    '# To do: uncomment and fill in the new server under replicas and the clients under clients, check realm, then',
    '#   codaplay run add-replica -i THIS_FILE --check --diff',
    'all:',
    '  vars:',
    line(4, 'realm', o.realm ?? guessRealm(cell.scmName), o.realm ? undefined : "guessed from the SCM's name: check a client's realms file"),
    ...(cell.codaVersion ? [line(4, 'coda_version', cell.codaVersion, "the SCM's SrvLog")] : ['    # coda_version: "6.9"   # not found in the SCM\'s SrvLog: set what the cell runs']),
    line(4, 'volumes', cell.volumes, `VRList; or: all`),
    '  children:',
    '    scm:',
    '      hosts:',
    ...serverLines(scm, names.get(scm)!, o.connection),
    '    servers:                      # every existing server, the SCM included',
    '      children:',
    '        scm: {}',
    '      hosts:',
    ...others.flatMap((s) => serverLines(s, names.get(s)!, o.connection)),
    '    replicas:                     # the new server(s) to add: uncomment and fill in',
    '      hosts:',
    ...newServerLines(cell, scm, o.connection),
    '    clients:                      # clients that will copy the data to the new replicas: uncomment and fill in',
    '      hosts:',
    ...clientLines(o.connection),
    '',
  ].join('\n');
}
