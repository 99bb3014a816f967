// Ansible's YAML inventory shape -> RawInventory: groups with `hosts`, `vars` and `children`, the top-level
// groups being children of `all`. A host entry's keys are its vars (connection settings among them); its
// optional `vars:` mapping is a layer below them.
import { dirname } from 'node:path';
import type { YamlSource } from '../playbook/yaml-source.js';
import { addHost, emptyRawInventory, groupOf, type RawInventory, type VarLayer } from './raw-inventory.js';

const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

class YamlInventoryReader {
  readonly inv: RawInventory;

  constructor(private readonly src: YamlSource) {
    this.inv = emptyRawInventory(src.file);
  }

  private issue(node: unknown, key: string | null, message: string): void {
    this.inv.issues.push({ file: this.src.file, line: key ? this.src.keyLine(node, key) : this.src.lineOf(node), message });
  }

  layer(node: Record<string, unknown>, owner: string): VarLayer {
    return { vars: node, file: this.src.file, lineOf: (key) => this.src.keyLine(node, key), baseDir: dirname(this.src.file), owner };
  }

  readGroup(name: string, node: unknown, parent: unknown): void {
    if (node === null || node === undefined) node = {};
    if (!isMap(node)) return this.issue(parent, name, `group ${name}: expected a mapping with hosts, vars and children`);
    for (const key of Object.keys(node)) {
      if (!['hosts', 'vars', 'children'].includes(key)) this.issue(node, key, `group ${name}: unknown key '${key}' (expected hosts, vars or children)`);
    }
    const group = groupOf(this.inv, name);
    if (isMap(node.vars)) group.vars.push(this.layer(node.vars, `group ${name}`));
    else if (node.vars !== undefined && node.vars !== null) this.issue(node, 'vars', `group ${name}: vars must be a mapping`);
    // hosts and children in the order the file gives them, so host order is the file's order.
    for (const key of Object.keys(node).filter((k) => k === 'hosts' || k === 'children')) {
      const value = node[key] ?? {};
      if (!isMap(value)) {
        this.issue(node, key, `group ${name}: ${key} must be a mapping of ${key === 'hosts' ? 'host' : 'group'} names`);
        continue;
      }
      if (key === 'hosts') for (const [host, entry] of Object.entries(value)) this.readHost(host, entry, name, value);
      else for (const [child, childNode] of Object.entries(value)) {
        group.children.add(child);
        this.readGroup(child, childNode, value);
      }
    }
  }

  private readHost(name: string, entry: unknown, group: string, parent: unknown): void {
    const raw = entry ?? {};
    if (!isMap(raw)) return this.issue(parent, name, `host ${name}: expected a mapping of connection settings and vars (or nothing)`);
    const layers: VarLayer[] = [];
    if (isMap(raw.vars)) layers.push(this.layer(raw.vars, `host ${name}`));
    else if (raw.vars !== undefined) this.issue(raw, 'vars', `host ${name}: vars must be a mapping`);
    const own = Object.fromEntries(Object.entries(raw).filter(([k]) => k !== 'vars'));
    layers.push({ ...this.layer(raw, `host ${name}`), vars: own });
    addHost(this.inv, name, group, this.src.keyLine(parent, name), layers);
  }
}

export function readYamlInventory(src: YamlSource): RawInventory {
  const reader = new YamlInventoryReader(src);
  if (!isMap(src.doc)) {
    reader.inv.issues.push({ file: src.file, line: 1, message: 'expected a mapping with the group all (all: {hosts: …, vars: …, children: …}) or an INI inventory ([group] sections)' });
    return reader.inv;
  }
  for (const [group, node] of Object.entries(src.doc)) {
    if (group !== 'all') groupOf(reader.inv, 'all').children.add(group);
    reader.readGroup(group, node, src.doc);
  }
  return reader.inv;
}
