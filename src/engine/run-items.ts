// A play's task list: tasks and Ansible blocks. A host that fails inside a block with a `rescue` runs the
// rescue (ansible_failed_task / ansible_failed_result set) and is back in the run if the rescue succeeds;
// `always` runs on every reachable host that entered the block, failed or not, and even when the run is
// stopping (Ctrl-C, any_errors_fatal): that is what makes cleanup such as releasing a lock reliable.
import type { Block, Play, PlayItem, Task } from '../playbook/types.js';
import { isBlock } from '../playbook/types.js';
import type { TaskResult } from './result.js';
import type { RunContext } from './run-context.js';
import { mayStart, type RunState } from './run-state.js';
import { runTaskOnHosts } from './run-task.js';
import { flushHandlers } from './handlers.js';
import { effectiveTags, selectedByTags } from './task-filter.js';
import { formatLocation } from './task-errors.js';
import type { TransportPool } from './transport-pool.js';

function shouldRun(ctx: RunContext, play: Play, task: Task, state: RunState): boolean {
  if (!state.started) {
    if (task.name !== ctx.options.startAtTask) return false;
    state.started = true;
  }
  return selectedByTags(effectiveTags(play, task), ctx.options.tags, ctx.options.skipTags);
}

export async function runItems(ctx: RunContext, play: Play, items: PlayItem[], hosts: string[], pool: TransportPool, state: RunState): Promise<void> {
  for (const item of items) {
    if (!mayStart(state, ctx.options.signal)) return;
    if (isBlock(item)) await runBlock(ctx, play, item, hosts, pool, state);
    else await runTask(ctx, play, item, hosts, pool, state);
  }
}

async function runTask(ctx: RunContext, play: Play, task: Task, hosts: string[], pool: TransportPool, state: RunState): Promise<void> {
  if (!shouldRun(ctx, play, task, state)) return;
  if (task.module === 'meta') {
    await flushHandlers(ctx, play, hosts, pool, state);
    return;
  }
  const active = hosts.filter((h) => !state.out.has(h));
  await runTaskOnHosts(ctx, play, task, hosts, pool, state);
  // any_errors_fatal: a failure no rescue will handle ends the play's normal tasks for every host.
  if (play.anyErrorsFatal && state.rescueDepth === 0 && active.some((h) => state.out.has(h))) state.fatal = true;
}

/** What a rescue sees of the failure, as Ansible's ansible_failed_task / ansible_failed_result. */
function failureVars(task: Task, result: TaskResult): Record<string, unknown> {
  return {
    ansible_failed_task: { name: task.name, action: task.module, tags: task.tags, location: formatLocation(task.location) },
    ansible_failed_result: { ...result.data, changed: false, failed: true, msg: result.reason, error: result.error },
  };
}

async function runBlock(ctx: RunContext, play: Play, block: Block, hosts: string[], pool: TransportPool, state: RunState): Promise<void> {
  const entered = hosts.filter((h) => !state.out.has(h));
  if (entered.length === 0) return;
  const hasRescue = block.rescue.length > 0;
  if (hasRescue) state.rescueDepth++;
  try {
    await runItems(ctx, play, block.block, entered, pool, state);
  } finally {
    if (hasRescue) state.rescueDepth--;
  }
  const failed = entered.filter((h) => state.out.has(h) && !state.unreachable.has(h));
  if (hasRescue && failed.length > 0 && mayStart(state, ctx.options.signal)) {
    for (const h of failed) {
      state.out.delete(h);
      state.rescue(h);
      const last = state.lastFailure.get(h);
      if (last) state.registered.set(h, { ...(state.registered.get(h) ?? {}), ...failureVars(last.task, last.result) });
    }
    await runItems(ctx, play, block.rescue, failed, pool, state);
  }
  if (block.always.length === 0) return;
  const forAlways = entered.filter((h) => !state.unreachable.has(h));
  // Failed hosts run `always` too, and are still failed afterwards.
  const held = forAlways.filter((h) => state.out.has(h));
  for (const h of held) state.out.delete(h);
  state.alwaysDepth++;
  try {
    await runItems(ctx, play, block.always, forAlways, pool, state);
  } finally {
    state.alwaysDepth--;
    for (const h of held) state.out.add(h);
  }
}
