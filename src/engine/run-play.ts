// One play, Ansible's linear strategy: per task, every host of the batch runs it (up to --forks at once), then
// the next task. `serial: N` runs the whole play on N hosts at a time. A failed or unreachable host leaves the run.
import type { Play, Task } from '../playbook/types.js';
import type { TaskResult } from './result.js';
import type { RunContext } from './run-context.js';
import { mapLimit } from './forks.js';
import { composeVars } from './host-vars.js';
import { registeredValue, runHostTask } from './run-host-task.js';
import { effectiveTags, selectedByTags } from './task-filter.js';
import { errorInfoFrom, formatLocation, isUnreachable } from './task-errors.js';
import type { TransportPool } from './transport-pool.js';

export interface RunState {
  /** Hosts that failed or were unreachable: they run nothing more. */
  out: Set<string>;
  /** register values per host. */
  registered: Map<string, Record<string, unknown>>;
  /** --start-at-task: false until the named task is reached. */
  started: boolean;
  interrupted: boolean;
  /** Every host of a play's batch failed: later plays must not run (ansible-playbook stops there too). */
  stopped: boolean;
  secrets: string[];
  record(result: TaskResult): void;
}

function batches(hosts: string[], serial: number | undefined): string[][] {
  if (!serial || serial <= 0) return [hosts];
  const out: string[][] = [];
  for (let i = 0; i < hosts.length; i += serial) out.push(hosts.slice(i, i + serial));
  return out;
}

function shouldRun(ctx: RunContext, play: Play, task: Task, state: RunState): boolean {
  if (!state.started) {
    if (task.name !== ctx.options.startAtTask) return false;
    state.started = true;
  }
  return selectedByTags(effectiveTags(play, task), ctx.options.tags, ctx.options.skipTags);
}

async function runTaskOnHosts(ctx: RunContext, play: Play, task: Task, hosts: string[], pool: TransportPool, state: RunState): Promise<void> {
  const emit = ctx.listener;
  const active = hosts.filter((h) => !state.out.has(h));
  if (active.length === 0) return;
  const runOn = task.runOnce ? active.slice(0, 1) : active;
  emit({ type: 'task-start', play: play.name, task: task.name, hosts: active, location: formatLocation(task.location) });
  const found = new Map<string, unknown>();
  const cluster = pool.clusterAccess(ctx.helpers, ctx.options.extraVars, (host, err) => { if (!found.has(host)) found.set(host, err); });
  const results = await mapLimit(runOn, ctx.options.forks ?? runOn.length, async (name) => {
    const host = ctx.inventory.hosts.get(name)!;
    emit({ type: 'host-task-start', task: task.name, host: name });
    const vars = composeVars(ctx.inventory, host, play, state.registered.get(name) ?? {}, ctx.options, ctx.helpers);
    const note = (text: string) => emit({ type: 'host-task-note', task: task.name, host: name, text });
    const r = await runHostTask({ ctx, task, host, vars, pool, cluster, secrets: state.secrets, note });
    finish(ctx, task, r, state);
    return r;
  });
  if (task.runOnce) {
    // The other hosts share the one run's outcome (and its register value), as in Ansible.
    const first = results[0]!;
    for (const name of active.slice(1)) {
      const r: TaskResult = { ...first, host: name, status: first.status === 'failed' || first.status === 'unreachable' ? 'failed' : 'skipped',
        reason: `run_once: ran on ${first.host} (${first.status}: ${first.reason})`, commands: [], diff: [], durationMs: 0 };
      emit({ type: 'host-task-start', task: task.name, host: name });
      finish(ctx, task, r, state, first);
    }
  }
  recordFoundUnreachable(ctx, task, found, new Set(runOn), state);
  emit({ type: 'task-end', task: task.name });
}

/**
 * Hosts a module reached on its own behalf (coda_preflight on the SCM reaches every host) and could not connect
 * to are unreachable, as Ansible counts them: each gets an `unreachable` result for this task and leaves the run.
 */
function recordFoundUnreachable(ctx: RunContext, task: Task, found: Map<string, unknown>, ranOn: Set<string>, state: RunState): void {
  for (const [host, err] of found) {
    if (ranOn.has(host) || state.out.has(host) || !isUnreachable(err) || !ctx.inventory.hosts.has(host)) continue;
    const error = errorInfoFrom(err, task.location);
    const r: TaskResult = { host, task: task.name, module: task.module, status: 'unreachable', reason: `${error.message} (found by task "${task.name}")`, diff: [], commands: [], durationMs: 0, data: {}, error };
    ctx.listener({ type: 'host-task-start', task: task.name, host });
    finish(ctx, task, r, state);
  }
}

function finish(ctx: RunContext, task: Task, r: TaskResult, state: RunState, registerFrom: TaskResult = r): void {
  if (task.register) {
    const outcome = { status: registerFrom.status, reason: registerFrom.reason, diff: [], data: registerFrom.data };
    state.registered.set(r.host, { ...(state.registered.get(r.host) ?? {}), [task.register]: registeredValue(outcome) });
  }
  if (r.status === 'unreachable' || (r.status === 'failed' && !r.ignored)) state.out.add(r.host);
  state.record(r);
  ctx.listener({ type: 'host-task-result', result: r });
}

export async function runPlay(ctx: RunContext, play: Play, hosts: string[], pool: TransportPool, state: RunState): Promise<void> {
  ctx.listener({ type: 'play-start', play: play.name, hosts });
  for (const batch of batches(hosts, play.serial)) {
    for (const task of play.tasks) {
      if (ctx.options.signal?.aborted) { state.interrupted = true; break; }
      if (!shouldRun(ctx, play, task, state)) continue;
      await runTaskOnHosts(ctx, play, task, batch, pool, state);
    }
    if (state.interrupted) break;
    if (batch.length > 0 && batch.every((h) => state.out.has(h))) {
      state.stopped = true;
      ctx.listener({ type: 'run-stop', reason: `every host of play "${play.name}" failed or was unreachable; later plays are not run` });
      break;
    }
  }
  ctx.listener({ type: 'play-end', play: play.name });
}
