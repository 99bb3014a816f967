// One task on one host: loop items → when → template args → module (with retries/until and a wall-clock
// timeout) → changed_when / failed_when. Always returns exactly one TaskResult.
import type { InventoryHost } from '../inventory/types.js';
import type { ClusterAccess, ModuleContext } from '../modules/module.js';
import type { Task } from '../playbook/types.js';
import { becomeTransport } from '../transport/become.js';
import type { CommandRecord, TaskResult } from './result.js';
import type { RunContext } from './run-context.js';
import { failedOutcome, runModule, type Outcome } from './run-module.js';
import { errorInfoFrom, formatLocation, isUnreachable } from './task-errors.js';
import type { TransportPool } from './transport-pool.js';

export interface HostTaskInput {
  ctx: RunContext;
  task: Task;
  host: InventoryHost;
  vars: Record<string, unknown>;
  pool: TransportPool;
  cluster: ClusterAccess;
  secrets: string[];
  note(text: string): void;
  /** The run's module store (ModuleContext.runStore); absent in tests that need none. */
  runStore?: Map<string, unknown>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function conditionList(when: string | string[] | undefined): string[] {
  return when === undefined ? [] : Array.isArray(when) ? when : [when];
}

/** What `register` stores and what changed_when/failed_when/until see. */
export function registeredValue(o: Outcome): Record<string, unknown> {
  return { ...o.data, changed: o.status === 'changed', failed: o.status === 'failed', skipped: o.status === 'skipped', msg: o.reason };
}

function withTimeout<T>(p: Promise<T>, ms: number | undefined, what: string): Promise<T> {
  if (!ms) return p;
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} still running after ${ms / 1000} s`)), ms + 1000); });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

async function runItem(input: HostTaskInput, itemVars: Record<string, unknown>, commands: CommandRecord[]): Promise<Outcome> {
  const { ctx, task, host } = input;
  const { helpers } = ctx;
  for (const cond of conditionList(task.when)) {
    if (!helpers.evalCondition(cond, itemVars)) return { status: 'skipped', reason: `when was false: ${cond}`, diff: [], data: {} };
  }
  const def = ctx.registry.get(task.module);
  if (!def) return failedOutcome(`${formatLocation(task.location)}: unknown module ${task.module}`, task.location);
  const args = helpers.renderValue(task.args, itemVars);
  const target = task.delegateTo ? String(helpers.renderValue(task.delegateTo, itemVars)) : host.name;
  let transport = await input.pool.get(target);
  const targetHost = ctx.inventory.hosts.get(target) ?? host;
  // A task's (or its play's) `become` wins; without one, the host's ansible_become decides (Ansible's order).
  if (task.become ?? targetHost.become) transport = helpers.become ? helpers.become(transport, targetHost) : becomeTransport(transport, targetHost, targetHost.becomeUser);
  const timeoutMs = task.timeoutSeconds ? task.timeoutSeconds * 1000 : undefined;
  const mctx: ModuleContext = {
    transport, host: { name: host.name, address: host.address, groups: host.groups }, vars: itemVars,
    check: ctx.options.check, diff: ctx.options.diff, timeoutMs, commands, secrets: input.secrets, note: input.note, cluster: input.cluster, runStore: input.runStore,
  };
  const regName = task.register ?? 'result';
  const attempts = 1 + (task.retries ?? (task.until ? 3 : 0));
  let out: Outcome = failedOutcome('not run');
  for (let attempt = 1; attempt <= attempts; attempt++) {
    out = await withTimeout(runModule(def, mctx, args, task.location), timeoutMs, `task "${task.name}"`);
    if (out.status === 'skipped' || out.status === 'unreachable') return out;
    out = applyConditions(input, out, { ...itemVars, [regName]: registeredValue(out) });
    const done = task.until ? helpers.evalCondition(task.until, { ...itemVars, [regName]: registeredValue(out) }) : out.status !== 'failed';
    if (done) return out;
    if (attempt < attempts) {
      input.note(`retrying (${attempts - attempt} left): ${task.until ? `until ${task.until}` : out.reason}`);
      await sleep((task.delaySeconds ?? 5) * 1000);
    } else if (task.until) {
      out = { ...out, status: 'failed', reason: `until "${task.until}" still false after ${attempts} attempts: ${out.reason}`, error: { message: `until "${task.until}" still false after ${attempts} attempts`, location: formatLocation(task.location) } };
    }
  }
  return out;
}

function applyConditions(input: HostTaskInput, out: Outcome, vars: Record<string, unknown>): Outcome {
  const { task, ctx } = input;
  let o = out;
  if (task.changedWhen !== undefined && o.status !== 'failed') {
    o = { ...o, status: ctx.helpers.evalCondition(task.changedWhen, vars) ? 'changed' : 'ok' };
  }
  if (task.failedWhen !== undefined) {
    const failed = ctx.helpers.evalCondition(task.failedWhen, vars);
    if (failed && o.status !== 'failed') {
      o = { ...o, status: 'failed', reason: `failed_when: ${String(task.failedWhen)}`, error: { message: `failed_when is true: ${String(task.failedWhen)}`, location: formatLocation(task.location) } };
    } else if (!failed && o.status === 'failed') {
      o = { ...o, status: 'ok', error: undefined };
    }
  }
  return o;
}

function loopItems(input: HostTaskInput): unknown[] | null {
  const { task, ctx, vars } = input;
  if (task.loop === undefined) return null;
  const items = typeof task.loop === 'string' ? ctx.helpers.renderValue(task.loop, vars) : ctx.helpers.renderValue(task.loop, vars);
  if (!Array.isArray(items)) throw new Error(`${formatLocation(task.location)}: loop must give a list, got ${JSON.stringify(items)}`);
  return items;
}

function combine(outcomes: Outcome[], items: unknown[]): Outcome {
  const pick = (s: string) => outcomes.filter((o) => o.status === s);
  const status = pick('unreachable').length ? 'unreachable' : pick('failed').length ? 'failed' : pick('changed').length ? 'changed' : pick('ok').length ? 'ok' : 'skipped';
  const reason = outcomes.map((o, i) => `${JSON.stringify(items[i])}: ${o.status} ${o.reason}`).join('; ') || 'loop over an empty list';
  const firstBad = outcomes.find((o) => o.status === status && o.error);
  return {
    status, reason, diff: outcomes.flatMap((o) => o.diff), error: firstBad?.error,
    data: { results: outcomes.map((o, i) => ({ item: items[i], ...registeredValue(o) })) },
  };
}

export async function runHostTask(input: HostTaskInput): Promise<TaskResult> {
  const { task, host } = input;
  const started = Date.now();
  const commands: CommandRecord[] = [];
  let out: Outcome;
  try {
    const items = loopItems(input);
    if (items === null) out = await runItem(input, input.vars, commands);
    else {
      const outs: Outcome[] = [];
      for (const item of items) outs.push(await runItem(input, { ...input.vars, [task.loopVar]: item }, commands));
      out = combine(outs, items);
    }
  } catch (err) {
    const error = errorInfoFrom(err, task.location);
    out = { status: isUnreachable(err) ? 'unreachable' : 'failed', reason: error.message, diff: [], data: {}, error };
  }
  const failed = out.status === 'failed';
  return {
    host: host.name, task: task.name, module: task.module, status: out.status, reason: out.reason || out.status,
    diff: out.diff, commands, durationMs: Date.now() - started, error: out.error, data: out.data,
    ...(failed && input.task.ignoreErrors ? { ignored: true } : {}),
  };
}
