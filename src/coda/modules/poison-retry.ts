// The setlogparms poison (OBSERVED, "Corrections and additions"): after a setlogparms fails (603 or 22), a later
// setlogparms or create_rep on that server can fail with 700 until a `volutil lookup` (or info, create_rep, a
// restart) lands on the same one of codasrv's two volutil workers. So a 700 is answered with two lookups (one per
// worker) and one retry, and the reason says so. The lookup of a replica name also tells whether a create_rep that
// failed with 700 made the replica after all, so a slot never gets a second create_rep.
import type { ModuleContext } from '../../modules/module.js';
import { quoteShellArg as q } from '../../util/quote.js';
import { findVolutilFailure, parseVolutilLookupId } from '../parsers/index.js';
import { runBatch, runLanes, type BatchPart } from './coda-command.js';

export interface VolutilCall {
  /** The server's Coda name (volutil -h). */
  server: string;
  /** What `volutil lookup` is asked about: the volume id or replica name the call is about. */
  subject: string;
  command: string;
  /** When a 700 is cleared and the lookup finds the subject (a replica name), adopt it instead of retrying. */
  adoptIfFound?: boolean;
}

export interface RetriedPart extends BatchPart {
  /** Set when the first answer was 700 and the call was retried after clearing. */
  retried?: string;
  /** `volutil lookup` found the subject (a replica name) on the server: its id. */
  foundId?: number;
}

export function isPoisoned(output: string): boolean {
  return findVolutilFailure(output)?.error?.code?.code === 700;
}

/**
 * Runs the calls in one round trip; each that failed with 700 gets `volutil lookup` twice on its server and one
 * retry (all retries in a second round trip). With `adoptFound`, a retry is skipped when the lookup finds the
 * subject already there (create_rep made it before failing).
 */
export async function runWithPoisonRetry(ctx: ModuleContext, calls: VolutilCall[], adoptFound = false, lanesPerServer = VOLUTIL_WORKERS): Promise<RetriedPart[]> {
  const first: RetriedPart[] = await runPerServer(ctx, calls, lanesPerServer);
  const poisoned = calls.map((c, i) => ({ c, i })).filter(({ i }) => first[i]!.code !== 0 && isPoisoned(first[i]!.output));
  if (poisoned.length === 0) return first;
  const lookup = (c: VolutilCall): string => `volutil -h ${q(c.server)} lookup ${q(c.subject)}`;
  const cleared = await runBatch(ctx, poisoned.flatMap(({ c }) => [lookup(c), lookup(c)]));
  const again = poisoned.map(({ c }, k) => {
    const found = parseVolutilLookupId(cleared[2 * k]?.output ?? '') ?? parseVolutilLookupId(cleared[2 * k + 1]?.output ?? '');
    return { c, found };
  });
  const adopts = (c: VolutilCall): boolean => c.adoptIfFound ?? adoptFound;
  const retries = again.filter((a) => !(adopts(a.c) && a.found !== undefined));
  const retried = await runBatch(ctx, retries.map((a) => a.c.command));
  poisoned.forEach(({ c, i }, k) => {
    const note = `700 from the server (VFAIL; a volutil worker poisoned by an earlier failed setlogparms answers it until cleared): cleared with volutil lookup ${c.subject}`;
    const found = again[k]!.found;
    if (adopts(c) && found !== undefined) {
      first[i] = { code: 0, output: first[i]!.output, retried: `${note}; the replica exists, adopted`, foundId: found };
      return;
    }
    const r = retried[retries.findIndex((a) => a.c === c)]!;
    first[i] = { ...r, retried: `${note} and retried once: ${r.code === 0 ? 'ok' : 'failed again'}` };
  });
  return first;
}

/** codasrv serves volutil with two worker LWPs (OBSERVED): more calls to one server at once would only queue. */
export const VOLUTIL_WORKERS = 2;

/**
 * Each server's calls two at a time (its two volutil workers busy, never more), every server at once; results in
 * the order of `calls`. The calls go out from this task's host, on as many exec channels as that takes.
 */
export async function runPerServer(ctx: ModuleContext, calls: VolutilCall[], lanesPerServer = VOLUTIL_WORKERS): Promise<BatchPart[]> {
  const byServer = new Map<string, number[]>();
  calls.forEach((c, i) => byServer.set(c.server, [...(byServer.get(c.server) ?? []), i]));
  const parts: BatchPart[] = new Array<BatchPart>(calls.length);
  await Promise.all([...byServer.values()].map(async (idx) => {
    const out = await runLanes(ctx, idx.map((i) => calls[i]!.command), Math.min(lanesPerServer, VOLUTIL_WORKERS));
    idx.forEach((i, k) => { parts[i] = out[k]!; });
  }));
  return parts;
}
