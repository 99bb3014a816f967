// `codaplay validate`: load inventory and playbook, check every module and argument, and warn about plays whose
// host pattern matches nobody — all without connecting anywhere.
import { loadInventory } from '../inventory/load-inventory.js';
import { selectHosts } from '../inventory/host-pattern.js';
import type { ModuleDefinition } from '../modules/module.js';
import { ConfigError, type ConfigIssue } from './config-error.js';
import { loadPlaybook } from './load-playbook.js';

export interface ValidationReport {
  errors: ConfigIssue[];
  warnings: ConfigIssue[];
}

export function validateProject(playbookPath: string, inventoryPath: string, registry: ReadonlyMap<string, ModuleDefinition>): ValidationReport {
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
  const inventory = attempt(() => loadInventory(inventoryPath));
  const playbook = attempt(() => loadPlaybook(playbookPath, registry));
  if (inventory && playbook) {
    for (const play of playbook.plays) {
      if (selectHosts(inventory, play.hosts).length === 0) warnings.push({ ...play.location, message: `play "${play.name}": hosts pattern '${play.hosts}' matches no host in ${inventoryPath}` });
    }
  }
  return { errors, warnings };
}
