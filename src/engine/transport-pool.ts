// One persistent transport per host for the whole run (DESIGN: Speed): opened once (in parallel up front, or on
// first use for delegate_to / cluster access), closed together at the end.
import type { Inventory, InventoryHost } from '../inventory/types.js';
import type { ClusterAccess } from '../modules/module.js';
import type { Transport } from '../transport/transport.js';
import type { EngineHelpers } from './run-context.js';

export class TransportPool {
  private transports = new Map<string, Transport>();
  private opening = new Map<string, Promise<Transport>>();

  constructor(
    private readonly inventory: Inventory,
    private readonly create: (host: InventoryHost) => Transport,
  ) {}

  /** The host's connected transport; rejects with the TransportError of the connection attempt. */
  get(name: string): Promise<Transport> {
    const known = this.opening.get(name);
    if (known) return known;
    const host = this.inventory.hosts.get(name);
    if (!host) return Promise.reject(new Error(`host ${name} is not in the inventory ${this.inventory.file}`));
    const t = this.create(host);
    this.transports.set(name, t);
    const p = t.connect().then(() => t);
    this.opening.set(name, p);
    // A failed open stays failed for the run: the host is unreachable, we do not retry it task after task.
    p.catch(() => undefined);
    return p;
  }

  /** Open several hosts at once; returns the error of each host that failed. */
  async openAll(names: string[]): Promise<Map<string, unknown>> {
    const failures = new Map<string, unknown>();
    await Promise.all(names.map((n) => this.get(n).catch((err: unknown) => { failures.set(n, err); })));
    return failures;
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.transports.values()].map((t) => t.close().catch(() => undefined)));
    this.transports.clear();
    this.opening.clear();
  }

  /**
   * Extra vars (-e) override inventory vars here too, as they do everywhere else. `onFailure` hears of every host
   * a module could not reach, so the engine can count that host unreachable rather than blame the module's host.
   */
  clusterAccess(helpers: EngineHelpers, extraVars: Record<string, unknown> = {}, onFailure?: (host: string, err: unknown) => void): ClusterAccess {
    return {
      transportFor: (host) => this.get(host).catch((err: unknown) => { onFailure?.(host, err); throw err; }),
      hostsOf: (pattern) => helpers.selectHosts(this.inventory, pattern),
      varsOf: (host) => ({ ...(this.inventory.hosts.get(host)?.vars ?? {}), ...extraVars }),
      addressOf: (host) => this.inventory.hosts.get(host)?.address ?? host,
    };
  }
}
