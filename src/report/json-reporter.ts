// --json: ONE document at the end, the shape of Ansible's json callback, secrets masked. Nothing else on stdout.
import type { RunEvent } from '../engine/events.js';
import type { HostStats, TaskResult } from '../engine/result.js';
import { maskDeep } from '../util/mask.js';
import type { Reporter, Sink } from './plain-reporter.js';

export interface JsonReport {
  plays: { play: { name: string }; tasks: { task: { name: string; location: string }; hosts: Record<string, TaskResult> }[] }[];
  stats: Record<string, HostStats>;
  interrupted?: boolean;
}

export function createJsonReporter(out: Sink, secrets: string[] = []): Reporter & { report: JsonReport } {
  const report: JsonReport = { plays: [], stats: {} };
  const lastTask = () => report.plays.at(-1)?.tasks.at(-1);
  return {
    report,
    listener(e: RunEvent) {
      switch (e.type) {
        case 'play-start': report.plays.push({ play: { name: e.play }, tasks: [] }); break;
        case 'task-start': report.plays.at(-1)?.tasks.push({ task: { name: e.task, location: e.location }, hosts: {} }); break;
        case 'host-task-result': { const t = lastTask(); if (t) t.hosts[e.result.host] = maskDeep(e.result, secrets); break; }
        case 'run-end':
          report.stats = e.stats;
          if (e.interrupted) report.interrupted = true;
          out.write(`${JSON.stringify(report, null, 2)}\n`);
          break;
        default: break;
      }
    },
    done: () => Promise.resolve(),
  };
}
