// Handlers: a task that reports `changed` notifies a handler by name or `listen` topic; at the end of the play
// (of each serial batch) or at `meta: flush_handlers`, each notified handler runs once, in the handlers' order,
// on the hosts that notified it. A failed host runs none unless --force-handlers; Ctrl-C runs none.
import type { Play } from '../playbook/types.js';
import type { RunContext } from './run-context.js';
import type { RunState } from './run-state.js';
import { runTaskOnHosts } from './run-task.js';
import type { TransportPool } from './transport-pool.js';

export async function flushHandlers(ctx: RunContext, play: Play, hosts: string[], pool: TransportPool, state: RunState): Promise<void> {
  const force = ctx.options.forceHandlers === true;
  for (const handler of play.handlers ?? []) {
    if (ctx.options.signal?.aborted) { state.interrupted = true; return; }
    if (state.fatal && !force) return;
    const notified = state.notified.get(handler) ?? new Set<string>();
    if (notified.size === 0) continue;
    // Only this batch's notifications are consumed; another batch's hosts keep theirs for their own flush.
    const rest = new Set([...notified].filter((h) => !hosts.includes(h)));
    if (rest.size) state.notified.set(handler, rest); else state.notified.delete(handler);
    const on = hosts.filter((h) => notified.has(h) && !state.unreachable.has(h) && (force || !state.out.has(h)));
    if (on.length === 0) continue;
    const held = on.filter((h) => state.out.has(h));
    for (const h of held) state.out.delete(h);
    try {
      await runTaskOnHosts(ctx, play, handler, on, pool, state);
    } finally {
      for (const h of held) state.out.add(h);
    }
  }
}
