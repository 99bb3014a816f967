// An inventory as Ansible reads it -> typed hosts, groups and layered vars. YAML or INI (told apart by extension,
// else by content), plus group_vars/ and host_vars/ beside the inventory and beside the playbook. Connection
// settings may sit at any level, under codaplay's short names or Ansible's ansible_* names. Every problem is
// collected with its file:line before connecting; look-alike keys are warnings.
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, isAbsolute, resolve } from 'node:path';
import { ConfigError, type ConfigIssue } from '../playbook/config-error.js';
import { renderValue } from '../playbook/templating.js';
import { loadYaml } from '../playbook/yaml-source.js';
import { closeGroups, type ClosedGroups } from './close-groups.js';
import { LayerChecker, layerHost, orderedLayers, type LayeredHost } from './layer-vars.js';
import type { RawInventory } from './raw-inventory.js';
import { readIniInventory } from './read-ini-inventory.js';
import { readYamlInventory } from './read-yaml-inventory.js';
import type { Inventory, InventoryHost } from './types.js';
import { readVarsDir } from './vars-dirs.js';

export interface LoadInventoryOptions {
  /** The playbook's directory: its group_vars/ and host_vars/ override those beside the inventory. */
  playbookDir?: string;
}

/** INI unless the name says YAML/JSON or the first meaningful line is a YAML mapping key. */
export function isIniInventory(file: string, text: string): boolean {
  if (/\.(ya?ml|json)$/i.test(file)) return false;
  if (/\.(ini|cfg)$/i.test(file)) return true;
  const first = text.split(/\r?\n/).map((l) => l.trim()).find((l) => l && !l.startsWith('#') && !l.startsWith(';'));
  if (first === undefined) return false;
  return !(first.startsWith('---') || first.startsWith('{') || /^[^\s=[]+:(\s|$)/.test(first));
}

function readSource(file: string, text: string | undefined): RawInventory {
  let source: string;
  try {
    source = text ?? readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError([{ file, line: 0, message: `cannot read the inventory: ${(err as Error).message}` }]);
  }
  return isIniInventory(file, source) ? readIniInventory(file, source) : readYamlInventory(loadYaml(file, source));
}

function expandPath(p: string, baseDir: string): string {
  if (p.startsWith('~')) return p.replace(/^~/, process.env.HOME ?? '~');
  return isAbsolute(p) ? p : resolve(baseDir, p);
}

function toHost(name: string, layered: LayeredHost, closed: ClosedGroups, location: string, issues: ConfigIssue[]): InventoryHost {
  const s = layered.settings;
  // A setting may be a template over the host's vars ("{{ admin_user }}"): render it, then check it.
  const get = <T>(field: keyof LayeredHost['settings']): T | undefined => {
    const setting = s[field];
    if (!setting) return undefined;
    if (typeof setting.value !== 'string' || !setting.value.includes('{{')) return setting.value as T;
    try {
      return renderValue(setting.value, { ...layered.vars, inventory_hostname: name }) as T;
    } catch (err) {
      issues.push({ file: setting.layer.file, line: setting.layer.lineOf(setting.key), message: `${setting.key}: ${(err as Error).message}` });
      return undefined;
    }
  };
  const path = (field: 'identityFile' | 'knownHostsFile'): string | undefined => {
    const v = get<string>(field);
    return v === undefined ? undefined : expandPath(String(v), s[field]!.layer.baseDir);
  };
  const port = get<number | string>('port');
  return {
    name,
    address: String(get<string>('address') ?? name),
    port: port === undefined ? 22 : Number(port),
    user: String(get<string>('user') ?? userInfo().username),
    connection: get<'ssh' | 'local'>('connection') ?? 'ssh',
    identityFile: path('identityFile'),
    knownHostsFile: path('knownHostsFile'),
    becomePassword: get<string>('becomePassword'),
    become: get<boolean>('become'),
    becomeUser: get<string>('becomeUser'),
    sshCommonArgs: get<string>('sshCommonArgs'),
    // What the inventory set itself: the rest may come from ~/.ssh/config (inventory > ssh config > defaults).
    setByInventory: { port: s.port !== undefined, user: s.user !== undefined },
    groups: ['all', ...closed.hostGroups.get(name)!],
    vars: layered.vars,
    location,
  };
}

export function loadInventory(file: string, text?: string, options: LoadInventoryOptions = {}): Inventory {
  const raw = readSource(file, text);
  if (raw.hosts.size === 0 && raw.issues.length === 0) raw.issues.push({ file, line: 1, message: 'no hosts: expected all.hosts or groups with hosts' });
  // A file that is not an inventory at all says so alone; otherwise every problem is collected below.
  if (raw.hosts.size === 0) throw new ConfigError(raw.issues);
  const closed = closeGroups(raw);
  const issues: ConfigIssue[] = [...raw.issues];
  const warnings = [...raw.warnings];
  const dirs = [...new Set([dirname(resolve(file)), ...(options.playbookDir ? [resolve(options.playbookDir)] : [])])]
    .map((d) => readVarsDir(d, [...raw.groups.keys()], [...raw.hosts.keys()], issues, warnings));
  const checker = new LayerChecker(issues, warnings);
  const groupLayers = new Map([...raw.groups].map(([g, group]) => [g, group.vars]));
  const hosts = new Map<string, InventoryHost>();
  for (const [name, h] of raw.hosts) {
    const layers = orderedLayers({ groups: closed.sortedGroups(name), groupLayers, hostLayers: h.vars, dirs, hostName: name });
    hosts.set(name, toHost(name, layerHost(layers, checker), closed, `${file}:${h.line}`, issues));
  }
  if (issues.length) throw new ConfigError(issues.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line));
  const groups = new Map<string, string[]>([...closed.members].map(([g, m]) => [g, [...hosts.keys()].filter((h) => m.has(h))]));
  return { file, hosts, groups, warnings };
}
