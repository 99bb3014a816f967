// The engine's entry point: open every targeted host's transport once (in parallel), run the plays in order,
// close everything, and hand back per-host stats and the exit code. It never prints: reporters listen to events.
import { emptyStats, type HostStats } from './result.js';
import type { RunContext } from './run-context.js';
import { runPlay } from './run-play.js';
import { newRunState } from './run-state.js';
import { countResult, exitCodeFor } from './stats.js';
import { checkStartAtTask } from './task-filter.js';
import { TransportPool } from './transport-pool.js';

export interface RunOutcome {
  stats: Record<string, HostStats>;
  exitCode: number;
  interrupted: boolean;
}

/** A problem with the options themselves (exit 5), found before any connection. */
export class RunOptionsError extends Error {
  override name = 'RunOptionsError';
}

export function hostsOfPlay(ctx: RunContext, pattern: string): string[] {
  const hosts = ctx.helpers.selectHosts(ctx.inventory, pattern);
  if (!ctx.options.limit) return hosts;
  const allowed = new Set(ctx.helpers.selectHosts(ctx.inventory, ctx.options.limit));
  return hosts.filter((h) => allowed.has(h));
}

export async function runPlaybook(ctx: RunContext): Promise<RunOutcome> {
  const startError = checkStartAtTask(ctx.playbook, ctx.options.startAtTask);
  if (startError) throw new RunOptionsError(startError);
  const playHosts = ctx.playbook.plays.map((p) => hostsOfPlay(ctx, p.hosts));
  const allHosts = [...new Set(playHosts.flat())];
  const secrets = [...(ctx.options.secrets ?? [])];
  for (const h of allHosts) { const pw = ctx.inventory.hosts.get(h)?.becomePassword; if (pw) secrets.push(pw); }
  const stats: Record<string, HostStats> = Object.fromEntries(allHosts.map((h) => [h, emptyStats()]));
  const state = newRunState({
    started: !ctx.options.startAtTask, secrets,
    record: (r) => countResult(stats, r),
    rescue: (host) => {
      const s = (stats[host] ??= emptyStats());
      if (s.failed > 0) s.failed--;
      s.rescued++;
    },
  });
  ctx.listener({ type: 'run-start', playbook: ctx.playbook.file, check: ctx.options.check, hosts: allHosts });
  const pool = ctx.pool ?? new TransportPool(ctx.inventory, ctx.createTransport);
  try {
    // Failures here are remembered by the pool and surface as `unreachable` on the host's first task.
    await pool.openAll(allHosts);
    for (const [i, play] of ctx.playbook.plays.entries()) {
      if (ctx.options.signal?.aborted) { state.interrupted = true; break; }
      await runPlay(ctx, play, playHosts[i]!.filter((h) => !state.out.has(h)), pool, state);
      if (state.interrupted || state.stopped) break;
    }
  } finally {
    await pool.closeAll();
  }
  const interrupted = state.interrupted || Boolean(ctx.options.signal?.aborted);
  const exitCode = exitCodeFor(stats, interrupted);
  ctx.listener({ type: 'run-end', stats, exitCode, interrupted });
  return { stats, exitCode, interrupted };
}
