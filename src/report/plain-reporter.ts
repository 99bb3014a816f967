// Plain lines, ansible-playbook style, for CI and pipes (no TTY, or CI set).
import type { RunEvent } from '../engine/events.js';
import type { TaskResult } from '../engine/result.js';
import { maskSecrets } from '../util/mask.js';
import { renderDiff } from './diff-text.js';
import { banner, renderRecap } from './recap.js';
import { resultLine } from './result-line.js';
import { groupSkips, SKIP_LIST_MAX, skipSummary } from './summarise.js';

export interface Sink { write(text: string): unknown }

export interface ReporterOptions {
  diff: boolean;
  verbosity: number;
  secrets?: string[];
}

export interface Reporter {
  listener(event: RunEvent): void;
  /** Settles once everything is printed (listr2 renders asynchronously). */
  done(): Promise<void>;
}

export function createPlainReporter(out: Sink, o: ReporterOptions): Reporter {
  const secrets = o.secrets ?? [];
  const line = (s: string) => out.write(`${s}\n`);
  // A task's skipped hosts wait here until another line is due (or the task ends), then go out as one line per
  // reason when there are many of them (summarise.ts); -v prints each as it comes, as Ansible does.
  let skipped: TaskResult[] = [];
  let order = new Map<string, number>();
  const flushSkips = () => {
    const byHost = [...skipped].sort((a, b) => (order.get(a.host) ?? 0) - (order.get(b.host) ?? 0));
    skipped = [];
    for (const g of groupSkips(byHost.map((r) => ({ host: r.host, reason: maskSecrets(r.reason, secrets) })))) {
      if (g.hosts.length <= SKIP_LIST_MAX) for (const h of g.hosts) line(`skipping: [${h}] ${g.reason}`);
      else line(`skipping: ${skipSummary(g)}`);
    }
  };
  return {
    listener(e) {
      if (e.type !== 'host-task-result' && e.type !== 'host-task-start' && e.type !== 'host-task-note') flushSkips();
      switch (e.type) {
        case 'run-start': if (e.check) line('(check mode: nothing will be changed)'); break;
        case 'play-start': line(`\n${banner(`PLAY [${e.play}]`)}`); if (e.hosts.length === 0) line('skipping: no hosts matched'); break;
        case 'task-start':
          order = new Map(e.hosts.map((h, i) => [h, i]));
          line(`\n${banner(`TASK [${e.task}]`)}`); if (o.verbosity > 0) line(`task path: ${e.location}`);
          break;
        case 'host-task-note': if (o.verbosity > 0) line(`  [${e.host}] ${e.text}`); break;
        case 'host-task-result': {
          const r = e.result;
          if (r.status === 'skipped' && o.verbosity === 0) { skipped.push(r); break; }
          flushSkips();
          line(resultLine(r, secrets));
          if (o.diff) for (const d of r.diff) out.write(renderDiff(d, secrets));
          if (o.verbosity > 1) for (const c of r.commands) line(`  [${r.host}] $ ${c.command}${c.planned ? ' (planned)' : ` -> ${c.code}`}`);
          break;
        }
        case 'run-stop': line(`\nNO MORE HOSTS LEFT: ${e.reason}`); break;
        case 'run-end':
          line('');
          out.write(renderRecap(e.stats));
          if (e.interrupted) line('interrupted: the running task finished, nothing else was started');
          break;
        default: break;
      }
    },
    done: () => Promise.resolve(),
  };
}
