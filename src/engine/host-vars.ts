// The variables a task sees on a host, lowest to highest precedence as in Ansible: inventory (all < group < host),
// play vars, registered results, extra vars (-e). Plus the magic names playbooks use: inventory_hostname,
// groups, hostvars, ansible_check_mode.
import type { Inventory, InventoryHost } from '../inventory/types.js';
import type { Play } from '../playbook/types.js';
import type { EngineHelpers, RunOptions } from './run-context.js';

export function magicVars(inventory: Inventory, host: InventoryHost, options: RunOptions): Record<string, unknown> {
  return {
    inventory_hostname: host.name,
    ansible_host: host.address,
    ansible_port: host.port,
    ansible_user: host.user,
    group_names: host.groups.filter((g) => g !== 'all'),
    groups: Object.fromEntries(inventory.groups),
    hostvars: Object.fromEntries([...inventory.hosts].map(([n, h]) => [n, h.vars])),
    ansible_check_mode: options.check,
    ansible_diff_mode: options.diff,
  };
}

export function composeVars(
  inventory: Inventory, host: InventoryHost, play: Play, registered: Record<string, unknown>,
  options: RunOptions, helpers: EngineHelpers,
): Record<string, unknown> {
  const base = { ...host.vars, ...magicVars(inventory, host, options), ...options.extraVars };
  // Play vars may refer to inventory vars ("{{ vicedir }}/db"): render them once against the layer below.
  let playVars = play.vars;
  try { playVars = helpers.renderValue(play.vars, base) as Record<string, unknown>; } catch { /* raw; the task will report the template error */ }
  return { ...base, ...playVars, ...registered, ...options.extraVars };
}
