// Terminal progress with listr2 (the only file importing it): a line per task, a sub-line per host that ends as
// `h1: changed — would add scm2 3`, and one summary sub-line for what would be many: skipped hosts, and the
// ok/changed hosts of a task that more than HOST_LINES_MAX hosts run (a failure always gets its own line). The engine drives it through events; each task's list waits for its results.
import { Listr, type ListrTaskWrapper } from 'listr2';
import type { RunEvent } from '../engine/events.js';
import type { FileDiff, TaskResult } from '../engine/result.js';
import { maskSecrets } from '../util/mask.js';
import { renderDiff } from './diff-text.js';
import type { Reporter, ReporterOptions, Sink } from './plain-reporter.js';
import { renderRecap } from './recap.js';
import { errorText } from './result-line.js';
import { capLines, compactHosts, groupSkips, hostCount, SKIP_LIST_MAX, skipSummary } from './summarise.js';

export interface Pending { resolve(r: TaskResult): void; promise: Promise<TaskResult>; wrapper?: { title: string | undefined; output: string }; timer?: NodeJS.Timeout; result?: TaskResult }

function pending(): Pending {
  let resolve!: (r: TaskResult) => void;
  const promise = new Promise<TaskResult>((r) => { resolve = r; });
  return { resolve, promise };
}

/**
 * A host's line is drawn (listr2 draws no line for a task without a title) once it is seen running, a moment after
 * it starts so that a host the task skips at once never shows, or once it has a result that is not a skip.
 */
const SHOW_RUNNING_AFTER_MS = 50;
/** More hosts than this running one task: their ok/changed results are one line per status, not one per host. */
export const HOST_LINES_MAX = 10;

/** One task's view: its hosts, and the summary line (skipped hosts, and ok/changed hosts of a big task). */
export interface TaskView {
  hosts: Map<string, Pending>;
  order: Map<string, number>;
  summary?: { title: string | undefined };
  /** Settles once every host has its result. */
  all: Promise<unknown>;
}

const ofStatus = (v: TaskView, status: TaskResult['status']): TaskResult[] =>
  [...v.hosts.values()].flatMap((p) => (p.result?.status === status ? [p.result] : [])).sort((a, b) => (v.order.get(a.host) ?? 0) - (v.order.get(b.host) ?? 0));

/** Hosts that run the task (every host the task has not skipped): many of them make it a big task. */
const isBig = (v: TaskView): boolean => [...v.hosts.values()].filter((p) => p.result?.status !== 'skipped').length > HOST_LINES_MAX;

/**
 * The summary: skipped hosts as the plain output's lines (summarise.ts); for a big task, the hosts still running
 * and the ok/changed hosts, one line per status with the reason when they all share it.
 */
export function summaryText(v: TaskView, m: (t: string) => string): string | undefined {
  const lines: string[] = [];
  if (isBig(v)) {
    const running = [...v.hosts].filter(([, p]) => !p.result).map(([h]) => h);
    if (running.length) lines.push(`running: [${compactHosts(running)}] (${hostCount(running.length)})`);
    for (const status of ['changed', 'ok'] as const) {
      const done = ofStatus(v, status);
      if (done.length === 0) continue;
      const reasons = new Set(done.map((r) => m(r.reason)));
      const reason = reasons.size === 1 ? ` ${[...reasons][0]!}` : ` e.g. ${done[0]!.host}: ${m(done[0]!.reason)}`;
      lines.push(`${status}: [${compactHosts(done.map((r) => r.host))}] (${hostCount(done.length)})${capLines(reason, 3)}`);
    }
  }
  for (const g of groupSkips(ofStatus(v, 'skipped').map((r) => ({ host: r.host, reason: m(r.reason) })))) {
    if (g.hosts.length <= SKIP_LIST_MAX) lines.push(...g.hosts.map((h) => `skipping: [${h}] ${g.reason}`));
    else lines.push(`skipping: ${skipSummary(g)}`);
  }
  return lines.length ? lines.join('\n') : undefined;
}

export function createListrReporter(out: Sink, o: ReporterOptions): Reporter {
  const secrets = o.secrets ?? [];
  const m = (s: string) => maskSecrets(s, secrets);
  let chain: Promise<unknown> = Promise.resolve();
  let view: TaskView = { hosts: new Map(), order: new Map(), all: Promise.resolve() };
  const diffs: FileDiff[] = [];
  let endText = '';
  const refresh = (v: TaskView) => { const t = summaryText(v, m); if (v.summary && t) v.summary.title = t; };

  const hostTask = (v: TaskView, host: string, p: Pending) => ({
    title: undefined as unknown as string,
    task: async (_ctx: unknown, t: ListrTaskWrapper<unknown, never, never>) => {
      p.wrapper = t as unknown as { title: string | undefined; output: string };
      const r = await p.promise;
      const failed = r.status === 'failed' || r.status === 'unreachable';
      if (r.status === 'skipped' || (!failed && isBig(v))) return;
      t.title = `${host}: ${r.status}${r.ignored ? ' (ignored)' : ''} — ${capLines(m(failed ? errorText(r) : r.reason))}`;
      if ((r.status === 'failed' && !r.ignored) || r.status === 'unreachable') throw new Error(t.title);
    },
  });

  const summaryTask = (v: TaskView) => ({
    title: undefined as unknown as string,
    task: async (_ctx: unknown, t: ListrTaskWrapper<unknown, never, never>) => {
      v.summary = t as unknown as { title: string | undefined };
      refresh(v);
      await v.all;
      const text = summaryText(v, m);
      // Only skipped hosts in it: drawn as a skip (listr2's ↓), collapsed to the one text.
      if (text && !isBig(v)) t.skip(text);
      else if (text) t.title = text;
    },
  });

  return {
    listener(e: RunEvent) {
      switch (e.type) {
        case 'task-start': {
          const hosts = new Map(e.hosts.map((h) => [h, pending()]));
          const v: TaskView = { hosts, order: new Map(e.hosts.map((h, i) => [h, i])), all: Promise.all([...hosts.values()].map((p) => p.promise)) };
          view = v;
          const subtasks = [...[...hosts].map(([h, p]) => hostTask(v, h, p)), summaryTask(v)];
          const list = new Listr([{ title: e.task, task: (_c, t) => t.newListr(subtasks, { concurrent: true, exitOnError: false, rendererOptions: { collapseSkips: true, showSkipMessage: true } }) }],
            { exitOnError: false, rendererOptions: { collapseSubtasks: false, collapseSkips: false, collapseErrors: false, showSkipMessage: true } });
          chain = chain.then(() => list.run()).catch(() => undefined);
          break;
        }
        case 'host-task-start': {
          const v = view;
          const p = v.hosts.get(e.host);
          if (!p) break;
          p.timer = setTimeout(() => {
            if (p.result) return;
            if (isBig(v)) refresh(v);
            else if (p.wrapper && p.wrapper.title === undefined) p.wrapper.title = e.host;
          }, SHOW_RUNNING_AFTER_MS);
          p.timer.unref();
          break;
        }
        case 'host-task-note': {
          const p = view.hosts.get(e.host);
          if (p?.wrapper && !isBig(view)) { if (p.wrapper.title === undefined) p.wrapper.title = e.host; p.wrapper.output = m(e.text); }
          break;
        }
        case 'host-task-result': {
          const p = view.hosts.get(e.result.host);
          if (p) { p.result = e.result; clearTimeout(p.timer); refresh(view); p.resolve(e.result); }
          if (o.diff) diffs.push(...e.result.diff);
          break;
        }
        case 'run-stop': endText = `NO MORE HOSTS LEFT: ${e.reason}\n`; break;
        case 'run-end':
          endText += renderRecap(e.stats) + (e.interrupted ? 'interrupted: the running task finished, nothing else was started\n' : '');
          break;
        default: break;
      }
    },
    async done() {
      await chain;
      for (const d of diffs) out.write(renderDiff(d, secrets));
      out.write(`\n${endText}`);
    },
  };
}
