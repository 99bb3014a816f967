// Ansible's variable precedence for one host, lowest first: `all` in the inventory file < group_vars/all beside
// the inventory < beside the playbook < every other group in the file (parents before children, then by name)
// < their group_vars/ beside the inventory < beside the playbook < the host in the file < host_vars/ beside the
// inventory < beside the playbook. Connection settings are taken out of the merged vars with the same order.
import type { ConfigIssue } from '../playbook/config-error.js';
import { CONNECTION_KEYS, lookalikeWarning, parseConnectionValue, type ConnectionField } from './connection-vars.js';
import type { VarLayer } from './raw-inventory.js';
import type { VarsDirLayers } from './vars-dirs.js';

export interface Setting {
  value: unknown;
  layer: VarLayer;
  key: string;
}

export interface LayeredHost {
  vars: Record<string, unknown>;
  settings: Partial<Record<ConnectionField, Setting>>;
}

interface CheckedLayer {
  vars: Record<string, unknown>;
  settings: Partial<Record<ConnectionField, Setting>>;
}

/** Checks each layer once (a group's layer is shared by its hosts), so each problem is reported once. */
export class LayerChecker {
  private readonly done = new Map<VarLayer, CheckedLayer>();

  constructor(private readonly issues: ConfigIssue[], private readonly warnings: ConfigIssue[]) {}

  check(layer: VarLayer): CheckedLayer {
    const known = this.done.get(layer);
    if (known) return known;
    const out: CheckedLayer = { vars: {}, settings: {} };
    for (const [key, value] of Object.entries(layer.vars)) {
      const field = CONNECTION_KEYS[key];
      if (!field) {
        const warning = lookalikeWarning(key);
        if (warning) this.warnings.push({ file: layer.file, line: layer.lineOf(key), message: `${layer.owner ? `${layer.owner}: ` : ''}${warning}` });
        out.vars[key] = value;
        continue;
      }
      const isTemplate = typeof value === 'string' && value.includes('{{');
      const parsed = isTemplate ? { value } : parseConnectionValue(field, value);
      if ('error' in parsed) this.issues.push({ file: layer.file, line: layer.lineOf(key), message: `${layer.owner ? `${layer.owner}: ` : ''}${key}: ${parsed.error}` });
      else out.settings[field] = { value: parsed.value, layer, key };
    }
    this.done.set(layer, out);
    return out;
  }
}

export interface HostLayerInput {
  /** The host's groups but `all`, sorted parents first, then by name. */
  groups: string[];
  groupLayers: Map<string, VarLayer[]>;
  hostLayers: VarLayer[];
  /** [beside the inventory, beside the playbook]. */
  dirs: VarsDirLayers[];
  hostName: string;
}

export function orderedLayers(input: HostLayerInput): VarLayer[] {
  const { groups, groupLayers, dirs, hostName } = input;
  return [
    ...(groupLayers.get('all') ?? []), ...dirs.flatMap((d) => d.group.get('all') ?? []),
    ...groups.flatMap((g) => groupLayers.get(g) ?? []), ...dirs.flatMap((d) => groups.flatMap((g) => d.group.get(g) ?? [])),
    ...input.hostLayers, ...dirs.flatMap((d) => d.host.get(hostName) ?? []),
  ];
}

export function layerHost(layers: VarLayer[], checker: LayerChecker): LayeredHost {
  const out: LayeredHost = { vars: {}, settings: {} };
  for (const layer of layers) {
    const c = checker.check(layer);
    Object.assign(out.vars, c.vars);
    Object.assign(out.settings, c.settings);
  }
  return out;
}
