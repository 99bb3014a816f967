// Everything a run needs, passed explicitly (DESIGN rule 9: no implicit globals). The CLI builds it; tests build
// it with fake transports and modules.
import type { Inventory, InventoryHost } from '../inventory/types.js';
import type { ModuleDefinition } from '../modules/module.js';
import type { Playbook } from '../playbook/types.js';
import type { Transport } from '../transport/transport.js';
import type { RunListener } from './events.js';
import type { TransportPool } from './transport-pool.js';

/** Anything with get(name): a Map of modules works. */
export interface ModuleRegistry {
  get(name: string): ModuleDefinition | undefined;
}

/** Templating and host patterns come from playbook/ and inventory/; injected so the engine stays testable. */
export interface EngineHelpers {
  /** Render `{{ }}` templates in a value (deeply). */
  renderValue(value: unknown, vars: Record<string, unknown>): unknown;
  /** Evaluate a bare Jinja-like expression (`when`, `until`, `changed_when`). */
  evalCondition(expr: string | boolean, vars: Record<string, unknown>): boolean;
  /** Inventory host names matching a play's `hosts` pattern, in inventory order. */
  selectHosts(inventory: Inventory, pattern: string): string[];
  /** Wrap a transport so commands run through sudo (become); default: transport/become.ts. */
  become?(transport: Transport, host: InventoryHost): Transport;
}

export interface RunOptions {
  check: boolean;
  diff: boolean;
  /** Host pattern that further restricts every play. */
  limit?: string;
  tags: string[];
  skipTags: string[];
  startAtTask?: string;
  extraVars: Record<string, unknown>;
  /** Hosts at once per task; default: all. */
  forks?: number;
  acceptNewHostKeys: boolean;
  verbosity: number;
  /** Abort (SIGINT): the running task finishes, nothing new starts, exit 99. */
  signal?: AbortSignal;
  /** Run notified handlers on hosts that failed too (Ansible's --force-handlers). */
  forceHandlers?: boolean;
  /** Secrets to mask everywhere (sudo passwords are added from the inventory). */
  secrets?: string[];
}

export interface RunContext {
  playbook: Playbook;
  inventory: Inventory;
  registry: ModuleRegistry;
  options: RunOptions;
  helpers: EngineHelpers;
  /** Makes (not opens) the one transport of a host; the engine opens it once and closes it at the end. */
  createTransport(host: InventoryHost): Transport;
  listener: RunListener;
  /** Connections the caller already started opening (the CLI does while it loads the rest); the engine closes it. */
  pool?: TransportPool;
}

export function defaultRunOptions(over: Partial<RunOptions> = {}): RunOptions {
  return { check: false, diff: false, tags: [], skipTags: [], extraVars: {}, acceptNewHostKeys: false, verbosity: 0, ...over };
}
