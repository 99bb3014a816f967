// One play, Ansible's linear strategy: per task, every host of the batch runs it (up to --forks at once), then
// the next task. `serial: N` runs the whole play on N hosts at a time. A failed or unreachable host leaves the
// run; blocks (run-items.ts) and handlers (handlers.ts) follow Ansible's rules.
import type { Play } from '../playbook/types.js';
import type { RunContext } from './run-context.js';
import { flushHandlers } from './handlers.js';
import { runItems } from './run-items.js';
import type { RunState } from './run-state.js';
import type { TransportPool } from './transport-pool.js';

export type { RunState } from './run-state.js';

function batches(hosts: string[], serial: number | undefined): string[][] {
  if (!serial || serial <= 0) return [hosts];
  const out: string[][] = [];
  for (let i = 0; i < hosts.length; i += serial) out.push(hosts.slice(i, i + serial));
  return out;
}

export async function runPlay(ctx: RunContext, play: Play, hosts: string[], pool: TransportPool, state: RunState): Promise<void> {
  ctx.listener({ type: 'play-start', play: play.name, hosts });
  for (const batch of batches(hosts, play.serial)) {
    await runItems(ctx, play, play.tasks, batch, pool, state);
    await flushHandlers(ctx, play, batch, pool, state);
    if (ctx.options.signal?.aborted) state.interrupted = true;
    if (state.interrupted) break;
    if (state.fatal) {
      state.stopped = true;
      ctx.listener({ type: 'run-stop', reason: `a host failed in play "${play.name}" (any_errors_fatal): no host runs more of it, later plays are not run` });
      break;
    }
    if (batch.length > 0 && batch.every((h) => state.out.has(h))) {
      state.stopped = true;
      ctx.listener({ type: 'run-stop', reason: `every host of play "${play.name}" failed or was unreachable; later plays are not run` });
      break;
    }
  }
  ctx.listener({ type: 'play-end', play: play.name });
}
