// `codaplay validate`: load inventory and playbook, check every module and argument, and warn about plays whose
// host pattern matches nobody — all without connecting anywhere. Arguments that are templates are rendered with
// each host's inventory vars, the play's vars and -e, and checked as `run` would check them.
import { dirname } from 'node:path';
import { loadInventory } from '../inventory/load-inventory.js';
import { selectHosts } from '../inventory/host-pattern.js';
import type { Inventory } from '../inventory/types.js';
import type { ModuleDefinition } from '../modules/module.js';
import { ConfigError, type ConfigIssue } from './config-error.js';
import { loadPlaybook, validateArgs } from './load-playbook.js';
import { evalCondition, renderValue } from './templating.js';
import { tasksOf, type Play, type Playbook } from './types.js';

export interface ValidationReport {
  errors: ConfigIssue[];
  warnings: ConfigIssue[];
  /** What was loaded to validate, so a caller that goes on to run need not parse the files again. */
  inventory?: Inventory;
  playbook?: Playbook;
}

function hostVars(inventory: Inventory, name: string, play: Play, extraVars: Record<string, unknown>): Record<string, unknown> {
  const host = inventory.hosts.get(name)!;
  const base = {
    ...host.vars, inventory_hostname: name, ansible_host: host.address, group_names: host.groups.filter((g) => g !== 'all'),
    groups: Object.fromEntries(inventory.groups), hostvars: Object.fromEntries([...inventory.hosts].map(([n, h]) => [n, h.vars])), ...extraVars,
  };
  let playVars = play.vars;
  try { playVars = renderValue(play.vars, base) as Record<string, unknown>; } catch { /* left raw, as the engine does */ }
  return { ...base, ...playVars, ...extraVars };
}

/** Templated arguments rendered per host: a value that renders but has the wrong type is the error run would hit. */
function renderedArgIssues(inventory: Inventory, playbook: Playbook, registry: ReadonlyMap<string, ModuleDefinition>, extraVars: Record<string, unknown>): ConfigIssue[] {
  const seen = new Map<string, ConfigIssue>();
  for (const play of playbook.plays) {
    for (const name of selectHosts(inventory, play.hosts)) {
      const vars = hostVars(inventory, name, play, extraVars);
      for (const task of tasksOf(play.tasks)) {
        const module = registry.get(task.module);
        if (!module || task.loop !== undefined || !JSON.stringify(task.args).includes('{{')) continue;
        let args: Record<string, unknown>;
        try {
          const when = task.when === undefined ? [] : Array.isArray(task.when) ? task.when : [task.when];
          if (!when.every((c) => evalCondition(c, vars))) continue;
          args = renderValue(task.args, vars) as Record<string, unknown>;
        } catch {
          continue; // depends on what only the run knows (registered results …)
        }
        try {
          validateArgs(module, args, task.location);
        } catch (err) {
          if (!(err instanceof ConfigError)) throw err;
          for (const i of err.issues) if (!seen.has(`${i.line}:${i.message}`)) seen.set(`${i.line}:${i.message}`, { ...i, message: `${i.message} (rendered with the vars of ${name})` });
        }
      }
    }
  }
  return [...seen.values()];
}

export function validateProject(playbookPath: string, inventoryPath: string, registry: ReadonlyMap<string, ModuleDefinition>, extraVars: Record<string, unknown> = {}): ValidationReport {
  const errors: ConfigIssue[] = [];
  const warnings: ConfigIssue[] = [];
  const attempt = <T>(fn: () => T): T | null => {
    try {
      return fn();
    } catch (err) {
      if (err instanceof ConfigError) errors.push(...err.issues);
      else throw err;
      return null;
    }
  };
  const inventory = attempt(() => loadInventory(inventoryPath, undefined, { playbookDir: dirname(playbookPath) }));
  const playbook = attempt(() => loadPlaybook(playbookPath, registry));
  if (inventory) warnings.push(...(inventory.warnings ?? []));
  if (inventory && playbook) {
    for (const play of playbook.plays) {
      if (selectHosts(inventory, play.hosts).length === 0) warnings.push({ ...play.location, message: `play "${play.name}": hosts pattern '${play.hosts}' matches no host in ${inventoryPath}` });
    }
    errors.push(...renderedArgIssues(inventory, playbook, registry, extraVars));
  }
  return { errors, warnings, ...(inventory ? { inventory } : {}), ...(playbook ? { playbook } : {}) };
}
