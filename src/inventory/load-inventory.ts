// Inventory YAML (Ansible's YAML inventory shape) -> typed hosts, groups and layered vars
// (all < parent group < child group < host). Every problem is collected with its file:line before connecting.
import { userInfo } from 'node:os';
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError, type ConfigIssue } from '../playbook/config-error.js';
import { loadYaml, type YamlSource } from '../playbook/yaml-source.js';
import type { Inventory, InventoryHost } from './types.js';
import { suggestKey } from './suggest-key.js';

/** Host keys that say how to connect; every other key is a host variable. */
const CONNECTION_KEYS = ['address', 'ansible_host', 'port', 'ansible_port', 'user', 'ansible_user', 'identity_file', 'known_hosts_file', 'connection', 'become_password', 'vars'] as const;

const connectionSchema = z.object({
  address: z.string().min(1).optional(),
  ansible_host: z.string().min(1).optional(),
  port: z.number().int().min(1).max(65535).optional(),
  ansible_port: z.number().int().min(1).max(65535).optional(),
  user: z.string().min(1).optional(),
  ansible_user: z.string().min(1).optional(),
  identity_file: z.string().min(1).optional(),
  known_hosts_file: z.string().min(1).optional(),
  connection: z.enum(['ssh', 'local']).optional(),
  become_password: z.string().optional(),
  vars: z.record(z.string(), z.unknown()).optional(),
});

interface HostDraft {
  raw: Record<string, unknown>;
  groups: Set<string>;
  groupVars: Record<string, unknown>[];
  line: number;
}

const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

class InventoryReader {
  issues: ConfigIssue[] = [];
  hosts = new Map<string, HostDraft>();
  groups = new Map<string, Set<string>>();
  /** parent group -> child groups: a child's hosts belong to the parent too (Ansible). */
  edges = new Map<string, Set<string>>();

  constructor(private readonly src: YamlSource) {}

  private issue(node: unknown, key: string | null, message: string): void {
    this.issues.push({ file: this.src.file, line: key ? this.src.keyLine(node, key) : this.src.lineOf(node), message });
  }

  readGroup(name: string, node: unknown, inherited: Record<string, unknown>[], ancestors: string[], parent: unknown): void {
    if (node === null || node === undefined) node = {};
    if (!isMap(node)) return this.issue(parent, name, `group ${name}: expected a mapping with hosts, vars and children`);
    for (const key of Object.keys(node)) {
      if (!['hosts', 'vars', 'children'].includes(key)) this.issue(node, key, `group ${name}: unknown key '${key}' (expected hosts, vars or children)`);
    }
    const vars = node.vars ?? {};
    if (!isMap(vars)) this.issue(node, 'vars', `group ${name}: vars must be a mapping`);
    const layers = [...inherited, isMap(vars) ? vars : {}];
    const members = this.groups.get(name) ?? new Set<string>();
    this.groups.set(name, members);
    // hosts and children in the order the file gives them, so host order is the file's order.
    for (const key of Object.keys(node).filter((k) => k === 'hosts' || k === 'children')) {
      const value = node[key] ?? {};
      if (!isMap(value)) {
        this.issue(node, key, `group ${name}: ${key} must be a mapping of ${key === 'hosts' ? 'host' : 'group'} names`);
        continue;
      }
      if (key === 'hosts') for (const [host, entry] of Object.entries(value)) this.readHost(host, entry, [...ancestors, name], layers, value);
      else for (const [child, childNode] of Object.entries(value)) {
        (this.edges.get(name) ?? this.edges.set(name, new Set()).get(name)!).add(child);
        this.readGroup(child, childNode, layers, [...ancestors, name], value);
      }
    }
  }

  /** Make every group hold its descendants' hosts, and every host know all its groups. */
  closeGroups(): void {
    const members = (g: string, seen = new Set<string>()): Set<string> => {
      if (seen.has(g)) return new Set();
      seen.add(g);
      const out = new Set(this.groups.get(g) ?? []);
      for (const child of this.edges.get(g) ?? []) members(child, seen).forEach((h) => out.add(h));
      return out;
    };
    for (const g of [...this.groups.keys()]) {
      const all = members(g);
      this.groups.set(g, all);
      for (const h of all) this.hosts.get(h)?.groups.add(g);
    }
  }

  private readHost(name: string, entry: unknown, groups: string[], layers: Record<string, unknown>[], parent: unknown): void {
    const raw = entry ?? {};
    if (!isMap(raw)) return this.issue(parent, name, `host ${name}: expected a mapping of connection settings and vars (or nothing)`);
    const parsed = connectionSchema.safeParse(Object.fromEntries(CONNECTION_KEYS.filter((k) => k in raw).map((k) => [k, raw[k]])));
    if (!parsed.success) {
      for (const e of parsed.error.issues) {
        const key = String(e.path[0] ?? name);
        this.issue(raw, key, `host ${name}: ${key}: ${e.message}${key === 'port' ? ' (expected a port number 1-65535)' : ''}`);
      }
    }
    for (const key of Object.keys(raw)) {
      const hint = suggestKey(key, CONNECTION_KEYS);
      if (hint) this.issue(raw, key, `host ${name}: unknown key '${key}' — did you mean '${hint}'?`);
    }
    const draft = this.hosts.get(name) ?? { raw: {}, groups: new Set<string>(), groupVars: [], line: this.src.keyLine(parent, name) };
    Object.assign(draft.raw, raw);
    for (const g of groups) draft.groups.add(g);
    draft.groupVars.push(...layers);
    this.hosts.set(name, draft);
    for (const g of groups) (this.groups.get(g) ?? this.groups.set(g, new Set()).get(g)!).add(name);
  }
}

function toHost(name: string, d: HostDraft, file: string): InventoryHost {
  const r = d.raw;
  const str = (k: string): string | undefined => (typeof r[k] === 'string' ? (r[k] as string) : undefined);
  const num = (k: string): number | undefined => (typeof r[k] === 'number' ? (r[k] as number) : undefined);
  const path = (p: string | undefined): string | undefined => (p === undefined ? undefined : isAbsolute(p) || p.startsWith('~') ? p.replace(/^~/, process.env.HOME ?? '~') : resolve(dirname(file), p));
  const hostVars = Object.fromEntries(Object.entries(r).filter(([k]) => !(CONNECTION_KEYS as readonly string[]).includes(k)));
  const vars = Object.assign({}, ...d.groupVars, isMap(r.vars) ? r.vars : {}, hostVars) as Record<string, unknown>;
  return {
    name,
    address: str('address') ?? str('ansible_host') ?? name,
    port: num('port') ?? num('ansible_port') ?? 22,
    user: str('user') ?? str('ansible_user') ?? userInfo().username,
    connection: (str('connection') as 'ssh' | 'local' | undefined) ?? 'ssh',
    identityFile: path(str('identity_file')),
    knownHostsFile: path(str('known_hosts_file')),
    becomePassword: str('become_password'),
    setByInventory: { port: num('port') !== undefined || num('ansible_port') !== undefined, user: str('user') !== undefined || str('ansible_user') !== undefined },
    groups: ['all', ...[...d.groups].filter((g) => g !== 'all')],
    vars,
    location: `${file}:${d.line}`,
  };
}

export function loadInventory(file: string, text?: string): Inventory {
  const src = loadYaml(file, text);
  const reader = new InventoryReader(src);
  if (!isMap(src.doc)) throw new ConfigError([{ file, line: 1, message: 'expected a mapping with the group all (all: {hosts: …, vars: …, children: …})' }]);
  for (const [group, node] of Object.entries(src.doc)) reader.readGroup(group, node, [], group === 'all' ? [] : ['all'], src.doc);
  if (reader.hosts.size === 0 && reader.issues.length === 0) reader.issues.push({ file, line: 1, message: 'no hosts: expected all.hosts or groups with hosts' });
  if (reader.issues.length) throw new ConfigError(reader.issues);
  reader.closeGroups();
  const hosts = new Map([...reader.hosts].map(([n, d]) => [n, toHost(n, d, file)]));
  const groups = new Map<string, string[]>([...reader.groups].map(([g, m]) => [g, [...hosts.keys()].filter((h) => m.has(h))]));
  groups.set('all', [...hosts.keys()]);
  groups.set('ungrouped', [...hosts.values()].filter((h) => h.groups.length === 1).map((h) => h.name));
  return { file, hosts, groups };
}
