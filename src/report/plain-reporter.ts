// Plain lines, ansible-playbook style, for CI and pipes (no TTY, or CI set).
import type { RunEvent } from '../engine/events.js';
import { renderDiff } from './diff-text.js';
import { banner, renderRecap } from './recap.js';
import { resultLine } from './result-line.js';

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
  return {
    listener(e) {
      switch (e.type) {
        case 'run-start': if (e.check) line('(check mode: nothing will be changed)'); break;
        case 'play-start': line(`\n${banner(`PLAY [${e.play}]`)}`); if (e.hosts.length === 0) line('skipping: no hosts matched'); break;
        case 'task-start': line(`\n${banner(`TASK [${e.task}]`)}`); if (o.verbosity > 0) line(`task path: ${e.location}`); break;
        case 'host-task-note': if (o.verbosity > 0) line(`  [${e.host}] ${e.text}`); break;
        case 'host-task-result': {
          const r = e.result;
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
