// Terminal progress with listr2 (the only file importing it): a line per task, a sub-line per host that ends as
// `h1: changed — would add scm2 3`. The engine drives it through events; each task's list waits for its results.
import { Listr, type ListrTaskWrapper } from 'listr2';
import type { RunEvent } from '../engine/events.js';
import type { FileDiff, TaskResult } from '../engine/result.js';
import { maskSecrets } from '../util/mask.js';
import { renderDiff } from './diff-text.js';
import type { Reporter, ReporterOptions, Sink } from './plain-reporter.js';
import { renderRecap } from './recap.js';
import { errorText } from './result-line.js';

interface Pending { resolve(r: TaskResult): void; promise: Promise<TaskResult>; wrapper?: { output: string } }

function pending(): Pending {
  let resolve!: (r: TaskResult) => void;
  const promise = new Promise<TaskResult>((r) => { resolve = r; });
  return { resolve, promise };
}

export function createListrReporter(out: Sink, o: ReporterOptions): Reporter {
  const secrets = o.secrets ?? [];
  const m = (s: string) => maskSecrets(s, secrets);
  let chain: Promise<unknown> = Promise.resolve();
  let hosts = new Map<string, Pending>();
  const diffs: FileDiff[] = [];
  let endText = '';

  const hostTask = (host: string, p: Pending) => ({
    title: host,
    task: async (_ctx: unknown, t: ListrTaskWrapper<unknown, never, never>) => {
      p.wrapper = t as unknown as { output: string };
      const r = await p.promise;
      const text = r.status === 'failed' || r.status === 'unreachable' ? errorText(r) : r.reason;
      t.title = `${host}: ${r.status}${r.ignored ? ' (ignored)' : ''} — ${m(text)}`;
      if (r.status === 'skipped') t.skip();
      else if ((r.status === 'failed' && !r.ignored) || r.status === 'unreachable') throw new Error(t.title);
    },
  });

  return {
    listener(e: RunEvent) {
      switch (e.type) {
        case 'task-start': {
          hosts = new Map(e.hosts.map((h) => [h, pending()]));
          const subtasks = [...hosts].map(([h, p]) => hostTask(h, p));
          const list = new Listr([{ title: e.task, task: (_c, t) => t.newListr(subtasks, { concurrent: true, exitOnError: false }) }],
            { exitOnError: false, rendererOptions: { collapseSubtasks: false, collapseSkips: false, collapseErrors: false, showSkipMessage: true } });
          chain = chain.then(() => list.run()).catch(() => undefined);
          break;
        }
        case 'host-task-note': { const w = hosts.get(e.host)?.wrapper; if (w) w.output = m(e.text); break; }
        case 'host-task-result': {
          hosts.get(e.result.host)?.resolve(e.result);
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
