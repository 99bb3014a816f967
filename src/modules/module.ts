// The contract every module (generic or Coda) implements: arguments declared once as a zod schema,
// a read-only probe that returns a plan (changes, or the reason nothing is needed), and an apply that
// carries the plan out. --check runs probe only (then predict, so later tasks see the state this change would
// leave: DESIGN rule 12); a normal run re-probes just before apply (DESIGN rule 1).
import type { z } from 'zod';
import type { Transport } from '../transport/transport.js';
import type { CommandRecord, FileDiff } from '../engine/result.js';

export interface HostFacts {
  /** Inventory name. */
  name: string;
  address: string;
  groups: string[];
}

export interface ModuleContext {
  transport: Transport;
  host: HostFacts;
  /** Fully merged, templated variables for this host and task (read-only for modules). */
  vars: Readonly<Record<string, unknown>>;
  check: boolean;
  diff: boolean;
  /** Task timeout for single commands, ms. */
  timeoutMs?: number;
  /** Masked command records are appended here by helper functions (see modules/run-command.ts). */
  commands: CommandRecord[];
  /** Secrets to mask in every record, diff and message. */
  secrets: string[];
  /** Progress note shown under the host's line (listr2) or as a plain line; optional. */
  note?: (text: string) => void;
  /**
   * Cluster access for modules whose probe must compare hosts (a server's db files against the SCM's, a
   * client's view against the servers'). The engine provides these from the run's persistent transport pool
   * (opening a host's single connection on first use) and the inventory; generic modules never need them.
   */
  cluster?: ClusterAccess;
  /**
   * One store per run, shared by every task and host: what modules learnt about the hosts (the Coda modules keep
   * their cell model here). In check mode it is never emptied and each module's predict() writes the state its
   * change would leave, so later probes work from the plan; in a real run the engine empties it after every apply
   * that changed (or failed while changing) something, so no probe reads a stale fact.
   */
  runStore?: Map<string, unknown>;
}

export interface ClusterAccess {
  /** The run's one persistent transport for an inventory host (opened on first use). */
  transportFor(host: string): Promise<Transport>;
  /** Inventory host names of a group (or pattern), in inventory order. */
  hostsOf(pattern: string): string[];
  /** Merged inventory vars of another host (read-only). */
  varsOf(host: string): Readonly<Record<string, unknown>>;
  /** Address the inventory gives for a host. */
  addressOf(host: string): string;
}

export interface Plan {
  /** Human-readable changes that apply() would make. Empty means nothing to do. */
  changes: string[];
  /** Why nothing is needed (when changes is empty) or a one-line summary of the changes. Never empty. */
  reason: string;
  /** File edits the apply would make; shown by --diff in check mode. */
  diff?: FileDiff[];
  /** Values for `register` even in check mode (what the probe learnt). */
  data?: Record<string, unknown>;
  /** Opaque state the probe learnt, handed to apply to avoid a second read. */
  state?: unknown;
}

export interface ApplyOutcome {
  changed: boolean;
  /** A failure the module detected (non-zero exit, verification failed). */
  failed?: boolean;
  reason: string;
  diff?: FileDiff[];
  data?: Record<string, unknown>;
  error?: { message: string; exitMeaning?: string; command?: string; stderrTail?: string; hint?: string };
}

export interface ModuleDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  /** One line for --help and generated docs. */
  summary: string;
  schema: S;
  /** Read-only: decide what needs doing. Must not change anything on the host. */
  probe(ctx: ModuleContext, args: z.infer<S>): Promise<Plan>;
  /** Do it. Called only when the (re-)probe planned changes and not in check mode. */
  apply(ctx: ModuleContext, args: z.infer<S>, plan: Plan): Promise<ApplyOutcome>;
  /** Modules such as command/shell cannot predict: in check mode they report 'skipped' unless true. */
  checkModeSafe?: boolean;
  /**
   * Check mode only, after a probe that planned changes: record in ctx.runStore the state the apply would leave
   * (e.g. the servers file with its new line), so later tasks and hosts probe the predicted state.
   */
  predict?(ctx: ModuleContext, args: z.infer<S>, plan: Plan): void | Promise<void>;
  /**
   * Real run only, after an apply that changed something and succeeded: update in ctx.runStore exactly the facts
   * the change touched (set what the module now knows, drop what it cannot know), so later tasks do not ask Coda
   * again what this task just did. A module without it makes the engine drop every fact after a change.
   */
  learn?(ctx: ModuleContext, args: z.infer<S>, plan: Plan, outcome: ApplyOutcome): void | Promise<void>;
}
