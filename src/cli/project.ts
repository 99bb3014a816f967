// The CLI's one seam to the other layers: load inventory + playbook (+ -e vars) with every module known, build the
// engine's helpers and the transport factory. Config errors become exit 4 with every issue's file:line.
import { dirname } from 'node:path';
import { codaModules } from '../coda/modules/index.js';
import type { EngineHelpers } from '../engine/run-context.js';
import { selectHosts } from '../inventory/host-pattern.js';
import { loadInventory } from '../inventory/load-inventory.js';
import type { Inventory, InventoryHost } from '../inventory/types.js';
import type { ModuleDefinition } from '../modules/module.js';
import { createRegistry } from '../modules/registry.js';
import { ConfigError, formatIssue } from '../playbook/config-error.js';
import { parseExtraVars } from '../playbook/extra-vars.js';
import { loadPlaybook } from '../playbook/load-playbook.js';
import { evalCondition, renderValue } from '../playbook/templating.js';
import { validateProject } from '../playbook/validate-project.js';
import { tasksOf, type Playbook } from '../playbook/types.js';
import { createTransportFactory } from '../transport/create-transport.js';
import type { Transport } from '../transport/transport.js';
import { CliError, EXIT } from './cli-error.js';

export interface Project {
  playbook: Playbook;
  inventory: Inventory;
  registry: ReadonlyMap<string, ModuleDefinition>;
  extraVars: Record<string, unknown>;
}

export function allModules(): ReadonlyMap<string, ModuleDefinition> {
  return createRegistry(codaModules);
}

/** Run a loader; a ConfigError (the user's file is wrong) becomes exit 4 with every issue listed. */
function userFile<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(EXIT.unreachable, `${err.issues.length} problem(s) in your files:\n${err.message}`);
    throw err;
  }
}

export async function loadProject(playbookPath: string, inventoryPath: string, extraVars: string[]): Promise<Project> {
  const registry = allModules();
  const extra = userFile(() => parseExtraVars(extraVars));
  const report = validateProject(playbookPath, inventoryPath, registry, extra);
  if (report.errors.length > 0) userFile(() => { throw new ConfigError(report.errors); });
  return {
    inventory: report.inventory ?? userFile(() => loadInventory(inventoryPath, undefined, { playbookDir: dirname(playbookPath) })),
    playbook: report.playbook ?? userFile(() => loadPlaybook(playbookPath, registry)),
    registry, extraVars: extra,
  };
}

export async function loadInventoryOnly(path: string): Promise<Inventory> {
  return userFile(() => loadInventory(path));
}

/** Every static issue as `file:line: message` (warnings prefixed), for `validate`. */
export async function collectIssues(playbookPath: string, inventoryPath: string, extraVars: string[]): Promise<{ issues: string[]; warnings: string[]; summary: string }> {
  const issues: string[] = [];
  let extra: Record<string, unknown> = {};
  try { extra = parseExtraVars(extraVars); } catch (err) { if (err instanceof ConfigError) issues.push(...err.message.split('\n')); else throw err; }
  const registry = allModules();
  const report = validateProject(playbookPath, inventoryPath, registry, extra);
  issues.push(...report.errors.map(formatIssue));
  const warnings = report.warnings.map((i) => `${i.file}:${i.line}: warning: ${i.message}`);
  let summary = '';
  if (issues.length === 0) {
    const pb = loadPlaybook(playbookPath, registry);
    const inv = loadInventory(inventoryPath, undefined, { playbookDir: dirname(playbookPath) });
    summary = `${pb.plays.length} play(s), ${pb.plays.reduce((n, p) => n + tasksOf(p.tasks).length, 0)} task(s), ${inv.hosts.size} host(s)`;
  }
  return { issues, warnings, summary };
}

export function projectHelpers(): EngineHelpers {
  return { renderValue, evalCondition, selectHosts: (inv, pattern) => selectHosts(inv, pattern) };
}

/** One factory per run (each ssh config file is read once); `sshConfigFile` is `-F`. */
export function transportFactory(acceptNewHostKeys: boolean, sshConfigFile?: string): (host: InventoryHost) => Transport {
  return createTransportFactory({ acceptNewHostKeys, sshConfigFile });
}
