// One task on the hosts of a batch (up to --forks, or its throttle, at once), with run_once, register, notify
// and the bookkeeping of failures that blocks and handlers need.
import type { Play, Task } from '../playbook/types.js';
import type { TaskResult } from './result.js';
import type { RunContext } from './run-context.js';
import type { RunState } from './run-state.js';
import { mapLimit } from './forks.js';
import { composeVars } from './host-vars.js';
import { registeredValue, runHostTask } from './run-host-task.js';
import { errorInfoFrom, formatLocation, isUnreachable } from './task-errors.js';
import type { TransportPool } from './transport-pool.js';

export async function runTaskOnHosts(ctx: RunContext, play: Play, task: Task, hosts: string[], pool: TransportPool, state: RunState): Promise<void> {
  const emit = ctx.listener;
  const active = hosts.filter((h) => !state.out.has(h));
  if (active.length === 0) return;
  const runOn = task.runOnce ? active.slice(0, 1) : active;
  emit({ type: 'task-start', play: play.name, task: task.name, hosts: active, location: formatLocation(task.location) });
  const found = new Map<string, unknown>();
  const cluster = pool.clusterAccess(ctx.helpers, ctx.options.extraVars, (host, err) => { if (!found.has(host)) found.set(host, err); });
  const limit = Math.min(ctx.options.forks ?? runOn.length, task.throttle ?? runOn.length);
  const results = await mapLimit(runOn, limit, async (name) => {
    const host = ctx.inventory.hosts.get(name)!;
    emit({ type: 'host-task-start', task: task.name, host: name });
    const vars = composeVars(ctx.inventory, host, play, state.registered.get(name) ?? {}, ctx.options, ctx.helpers);
    const note = (text: string) => emit({ type: 'host-task-note', task: task.name, host: name, text });
    const r = await runHostTask({ ctx, task, host, vars, pool, cluster, secrets: state.secrets, note, runStore: state.store });
    finish(ctx, play, task, r, state);
    return r;
  });
  if (task.runOnce) {
    // The other hosts share the one run's outcome (and its register value), as in Ansible.
    const first = results[0]!;
    for (const name of active.slice(1)) {
      const r: TaskResult = { ...first, host: name, status: first.status === 'failed' || first.status === 'unreachable' ? 'failed' : 'skipped',
        reason: `run_once: ran on ${first.host} (${first.status}: ${first.reason})`, commands: [], diff: [], durationMs: 0 };
      emit({ type: 'host-task-start', task: task.name, host: name });
      finish(ctx, play, task, r, state, first);
    }
  }
  recordFoundUnreachable(ctx, play, task, found, new Set(runOn), state);
  emit({ type: 'task-end', task: task.name });
}

/**
 * Hosts a module reached on its own behalf (coda_preflight on the SCM reaches every host) and could not connect
 * to are unreachable, as Ansible counts them: each gets an `unreachable` result for this task and leaves the run.
 */
function recordFoundUnreachable(ctx: RunContext, play: Play, task: Task, found: Map<string, unknown>, ranOn: Set<string>, state: RunState): void {
  for (const [host, err] of found) {
    if (ranOn.has(host) || state.out.has(host) || !isUnreachable(err) || !ctx.inventory.hosts.has(host)) continue;
    const error = errorInfoFrom(err, task.location);
    const r: TaskResult = { host, task: task.name, module: task.module, status: 'unreachable', reason: `${error.message} (found by task "${task.name}")`, diff: [], commands: [], durationMs: 0, data: {}, error };
    ctx.listener({ type: 'host-task-start', task: task.name, host });
    finish(ctx, play, task, r, state);
  }
}

function finish(ctx: RunContext, play: Play, task: Task, r: TaskResult, state: RunState, registerFrom: TaskResult = r): void {
  if (task.register) {
    const outcome = { status: registerFrom.status, reason: registerFrom.reason, diff: [], data: registerFrom.data };
    state.registered.set(r.host, { ...(state.registered.get(r.host) ?? {}), [task.register]: registeredValue(outcome) });
  }
  if (r.status === 'unreachable') state.unreachable.add(r.host);
  if (r.status === 'unreachable' || (r.status === 'failed' && !r.ignored)) {
    state.out.add(r.host);
    state.lastFailure.set(r.host, { task, result: r });
  }
  // Ansible notifies on `changed` only; a changed loop item counts, as the loop's combined status says.
  if (r.status === 'changed') {
    const names = new Set(task.notify ?? []);
    for (const handler of play.handlers ?? []) {
      if (!names.has(handler.name) && !(handler.listen ?? []).some((t) => names.has(t))) continue;
      const hosts = state.notified.get(handler) ?? new Set<string>();
      hosts.add(r.host);
      state.notified.set(handler, hosts);
    }
  }
  state.record(r);
  ctx.listener({ type: 'host-task-result', result: r });
}
