// The SCM's journal of what codaplay runs did (one JSON object per line), kept beside the databases it
// describes. Probes read the real state first; the journal adds what the state cannot say (which run did a
// step, the FTREEDB size before the first run) and lets a person see what an interrupted run had done.
import { hostname } from 'node:os';
import { quoteShellArg } from '../../util/quote.js';
import type { ModuleContext } from '../../modules/module.js';
import type { Transport } from '../../transport/transport.js';

export interface JournalEntry {
  time: string;
  run: string;
  step: string;
  volume?: string;
  host?: string;
  detail?: Record<string, unknown>;
}

/** One id per codaplay process; the engine may pass its own as the var `codaplay_run_id`. */
const PROCESS_RUN_ID = `${hostname()}-${process.pid}-${Date.now().toString(36)}`;

export function runIdOf(ctx: ModuleContext): string {
  const id = ctx.vars.codaplay_run_id;
  return typeof id === 'string' && id ? id : PROCESS_RUN_ID;
}

export function journalDir(vicedir: string): string {
  return `${vicedir}/codaplay`;
}

export function journalPath(vicedir: string): string {
  return `${journalDir(vicedir)}/journal.jsonl`;
}

/**
 * Appends queued and not yet written, in order. A record of a step already done need not hold up the next step
 * (a round trip each, five or more a run): it is written while the run goes on. What must be on disk before the
 * next step (the shutdown note: journalWritten) and every read of the journal wait for the queue.
 */
let queue: Promise<void> = Promise.resolve();
let queueFailure: unknown;

/** Queue `entries` for the journal; resolves once queued (journalWritten: once written). */
export async function appendJournal(ctx: ModuleContext, scm: Transport, vicedir: string, entries: Omit<JournalEntry, 'time' | 'run'>[]): Promise<void> {
  if (entries.length === 0) return;
  const time = new Date().toISOString();
  const lines = entries.map((e) => JSON.stringify({ time, run: runIdOf(ctx), ...e })).join('\n') + '\n';
  const command = `mkdir -p ${quoteShellArg(journalDir(vicedir))} && cat >> ${quoteShellArg(journalPath(vicedir))}`;
  queue = queue.then(async () => {
    const r = await scm.exec(command, { stdin: lines, timeoutMs: ctx.timeoutMs });
    if (r.code !== 0) throw new Error(`cannot append to ${journalPath(vicedir)} on ${scm.host}: ${(r.stderr || r.stdout).trim() || `exit ${r.code}`}`);
  }).catch((err: unknown) => { queueFailure ??= err; });
}

/** Until every queued entry is written; throws the first write that failed (once). */
export async function journalWritten(): Promise<void> {
  await queue;
  const failure = queueFailure;
  queueFailure = undefined;
  if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
}

export async function readJournal(scm: Transport, vicedir: string): Promise<JournalEntry[]> {
  await queue;
  const text = (await scm.readFile(journalPath(vicedir)))?.toString('utf8') ?? '';
  const entries: JournalEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      entries.push(JSON.parse(line) as JournalEntry);
    } catch {
      // A torn last line from a killed run is skipped; the probes do not depend on the journal.
    }
  }
  return entries;
}

/** Append to the journal on the SCM from a task running on any host (the run's persistent SCM connection). */
export async function journalOnScm(ctx: ModuleContext, entries: Omit<JournalEntry, 'time' | 'run'>[]): Promise<void> {
  const scm = ctx.cluster?.hostsOf('scm')[0];
  if (!scm || !ctx.cluster) return;
  const transport = scm === ctx.host.name ? ctx.transport : await ctx.cluster.transportFor(scm);
  const vicedir = ctx.cluster.varsOf(scm).vicedir;
  await appendJournal(ctx, transport, typeof vicedir === 'string' && vicedir ? vicedir : '/vice', entries);
}
