// What every inventory reader (YAML, INI, group_vars/host_vars files) produces before vars are layered: groups
// with their own vars, parents and direct hosts; hosts with their own vars. Each vars layer remembers its file
// and the line of each key, so a wrong connection setting can be reported where the user wrote it.
import type { ConfigIssue } from '../playbook/config-error.js';

export interface VarLayer {
  vars: Record<string, unknown>;
  file: string;
  /** 1-based line of `key` in `file`. */
  lineOf(key: string): number;
  /** Relative paths (identity_file …) in this layer are resolved against this directory. */
  baseDir: string;
  /** Whose vars these are, for messages ("host scm", "group servers"); files need none. */
  owner?: string;
}

export interface RawGroup {
  /** The group's vars written in the inventory file itself, in file order. */
  vars: VarLayer[];
  children: Set<string>;
  /** Hosts listed directly under the group. */
  hosts: Set<string>;
}

export interface RawHost {
  vars: VarLayer[];
  /** Line where the host is first declared. */
  line: number;
}

export interface RawInventory {
  file: string;
  groups: Map<string, RawGroup>;
  /** In declaration order: the inventory's host order. */
  hosts: Map<string, RawHost>;
  issues: ConfigIssue[];
  warnings: ConfigIssue[];
}

export function emptyRawInventory(file: string): RawInventory {
  return { file, groups: new Map([['all', { vars: [], children: new Set(), hosts: new Set() }]]), hosts: new Map(), issues: [], warnings: [] };
}

export function groupOf(inv: RawInventory, name: string): RawGroup {
  let g = inv.groups.get(name);
  if (!g) inv.groups.set(name, (g = { vars: [], children: new Set(), hosts: new Set() }));
  return g;
}

export function addHost(inv: RawInventory, name: string, group: string, line: number, layers: VarLayer[]): void {
  const h = inv.hosts.get(name) ?? { vars: [], line };
  h.vars.push(...layers);
  inv.hosts.set(name, h);
  groupOf(inv, group).hosts.add(name);
}
