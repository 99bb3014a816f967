// The Coda side of an add-replica run, from the lab's own call log (<labdir>/calls.jsonl): the sum of every Coda
// command's time, and the critical path — the shortest time the Coda commands that the job needs could take if
// nothing else cost anything, given what must follow what (the order DESIGN.md's job takes because Coda's code
// needs it) and what Coda lets run at once. Each stage's bound, in job order:
//   preflight   the longest single host check (hostname, getent, rpc2ping): they can all run at once;
//   servers     the longest `updatefetch … db/servers` (one per other server, in parallel);
//   restart     per existing server, one after another (the cell stays served): volutil shutdown, the time until
//               that codasrv really exited, startserver (which returns at `File Server started`);
//   start new   the longest startserver of a new server (they start in parallel);
//   replicas    setlogparms then create_rep for a volume, volumes at once, but never more than two volutil calls
//               per server (codasrv's two volutil workers): max(longest pair, each server's volutil time / 2);
//   databases   bldvldb.sh, then makevrdb (the SCM's own sub-calls inside bldvldb.sh are part of it);
//   propagate   per server in parallel: its longest updatefetch, volutil updatedb, then its getvolinfo proofs, at
//               most SERVER_LWPS at once (the SCM needs no fetch; it proves its own answers and its VLDB's);
//   clients     per client in parallel: checkservers, checkvolumes, strong/wr, flushobject, the walk (and any
//               reconnect + walk again), then one cfs whereis.
// Everything else a run asks Coda (getvolumelist, dumpvrdb, repeated whereis, …) is probing: useful, but not on
// the path, so it shows up as the gap between wall time and the critical path.

import type { LabCall } from '../../src/lab/core/call-log.js';

export type { LabCall };

export interface StageBound {
  stage: string;
  ms: number;
}

export interface CodaTime {
  /** Sum of every tool call's duration (daemons excluded). */
  sumMs: number;
  /** Time during which at least one tool call ran. */
  unionMs: number;
  criticalMs: number;
  stages: StageBound[];
}

const DAEMONS = new Set(['codasrv', 'updateclnt', 'updatesrv', 'auth2', 'venus']);
const dur = (c: LabCall): number => Math.max(0, c.end - c.start);
const maxOf = (xs: number[]): number => xs.reduce((a, b) => Math.max(a, b), 0);
const sumOf = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

function groupBy<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) out.set(key(x), [...(out.get(key(x)) ?? []), x]);
  return out;
}

/** The host a volutil/getvolinfo call talks to (`-h HOST` or getvolinfo's first argument), short name. */
function targetOf(c: LabCall): string {
  const h = c.tool === 'getvolinfo' ? c.args[0] : c.args[c.args.indexOf('-h') + 1];
  return (c.args.includes('-h') || c.tool === 'getvolinfo') && h ? h.split('.')[0]! : c.host;
}

const volutilOp = (c: LabCall): string | undefined => {
  if (c.tool !== 'volutil') return undefined;
  let i = 0;
  while (i < c.args.length && c.args[i]!.startsWith('-')) i += 2;
  return c.args[i];
};

function insideAny(c: LabCall, outer: LabCall[]): boolean {
  return outer.some((o) => o !== c && o.host === c.host && o.start <= c.start && c.end <= o.end);
}

function restartBound(calls: LabCall[], daemons: LabCall[]): { restartMs: number; newStartMs: number } {
  const shutdowns = calls.filter((c) => volutilOp(c) === 'shutdown');
  let restartMs = 0;
  const restarted = new Set<string>();
  for (const s of shutdowns) {
    const host = targetOf(s);
    restarted.add(host);
    const exit = daemons.find((d) => d.tool === 'codasrv' && d.host === host && d.end >= s.start);
    const start = calls.find((c) => c.tool === 'startserver' && c.host === host && c.start >= s.end);
    restartMs += dur(s) + Math.max(0, (exit?.end ?? s.end) - s.end) + (start ? dur(start) : 0);
  }
  const newStarts = calls.filter((c) => c.tool === 'startserver' && !restarted.has(c.host));
  return { restartMs, newStartMs: maxOf(newStarts.map(dur)) };
}

function replicasBound(calls: LabCall[]): number {
  const ops = calls.filter((c) => volutilOp(c) === 'setlogparms' || volutilOp(c) === 'create_rep');
  if (!ops.length) return 0;
  const pair = maxOf(ops.filter((c) => volutilOp(c) === 'setlogparms').map(dur)) + maxOf(ops.filter((c) => volutilOp(c) === 'create_rep').map(dur));
  const perServer = [...groupBy(ops, targetOf).values()].map((cs) => sumOf(cs.map(dur)) / 2);
  return Math.max(pair, maxOf(perServer));
}

/** codasrv's worker LWPs for client requests such as getvolinfo (server.conf `lwps`, 10 by default: Coda's
 * server.conf.ex); more proofs than that to one server at once would only queue. */
const SERVER_LWPS = 10;

function propagateBound(calls: LabCall[]): number {
  const perServer = new Map<string, number>();
  const fetches = calls.filter((c) => c.tool === 'updatefetch' && !c.args.includes('db/servers'));
  for (const [host, cs] of groupBy(fetches, (c) => c.host)) perServer.set(host, maxOf(cs.map(dur)));
  for (const c of calls.filter((x) => volutilOp(x) === 'updatedb')) perServer.set(targetOf(c), (perServer.get(targetOf(c)) ?? 0) + dur(c));
  for (const [host, cs] of groupBy(calls.filter((c) => c.tool === 'getvolinfo'), targetOf)) {
    perServer.set(host, (perServer.get(host) ?? 0) + Math.max(maxOf(cs.map(dur)), sumOf(cs.map(dur)) / SERVER_LWPS));
  }
  return maxOf([...perServer.values()]);
}

function clientsBound(calls: LabCall[]): number {
  const chains = [...groupBy(calls.filter((c) => c.tool === 'cfs' || c.tool === 'ls'), (c) => c.host).values()].map((cs) => {
    const steps = cs.filter((c) => c.tool === 'ls' || ['checkservers', 'checkvolumes', 'strong', 'wr', 'flushobject', 'reconnect'].includes(c.args[0] ?? ''));
    const whereis = cs.filter((c) => c.args[0] === 'whereis');
    return sumOf(steps.map(dur)) + (whereis.length ? dur(whereis[whereis.length - 1]!) : 0);
  });
  return maxOf(chains);
}

/** Calls whose start lies in [from, to] (one run's window of the lab's log). */
export function callsBetween(all: LabCall[], from: number, to: number): { calls: LabCall[]; daemons: LabCall[] } {
  const inWindow = all.filter((c) => c.end >= from && c.start <= to);
  return { calls: inWindow.filter((c) => !DAEMONS.has(c.tool) && c.start >= from), daemons: inWindow.filter((c) => DAEMONS.has(c.tool)) };
}

export function codaTime(calls: LabCall[], daemons: LabCall[] = []): CodaTime {
  const bldvldb = calls.filter((c) => c.tool === 'bldvldb.sh');
  const own = calls.filter((c) => !insideAny(c, bldvldb));
  const { restartMs, newStartMs } = restartBound(own, daemons);
  const stages: StageBound[] = [
    { stage: 'preflight', ms: maxOf(own.filter((c) => ['hostname', 'getent', 'rpc2ping'].includes(c.tool)).map(dur)) },
    { stage: 'servers', ms: maxOf(own.filter((c) => c.tool === 'updatefetch' && c.args.includes('db/servers')).map(dur)) },
    { stage: 'restart', ms: restartMs },
    { stage: 'start new', ms: newStartMs },
    { stage: 'replicas', ms: replicasBound(own) },
    { stage: 'databases', ms: sumOf(bldvldb.map(dur)) + sumOf(own.filter((c) => volutilOp(c) === 'makevrdb').map(dur)) },
    { stage: 'propagate', ms: propagateBound(own) },
    { stage: 'clients', ms: clientsBound(own) },
  ];
  const spans = own.map((c) => [c.start, c.end] as const).sort((a, b) => a[0] - b[0]);
  let unionMs = 0;
  let reach = -Infinity;
  for (const [s, e] of spans) {
    if (e <= reach) continue;
    unionMs += e - Math.max(s, reach);
    reach = e;
  }
  return { sumMs: sumOf(own.map(dur)), unionMs, criticalMs: sumOf(stages.map((s) => s.ms)), stages };
}
