import assert from 'node:assert/strict';
import { countResult, exitCodeFor } from '../../src/engine/stats.js';
import type { HostStats, TaskResult, TaskStatus } from '../../src/engine/result.js';

const r = (status: TaskStatus, ignored = false): TaskResult => ({ host: 'h', task: 't', module: 'm', status, reason: 'x', diff: [], commands: [], durationMs: 0, data: {}, ...(ignored ? { ignored } : {}) });

describe('engine: recap counting and exit codes', () => {
  const table: [TaskResult[], Partial<HostStats>, number][] = [
    [[r('ok')], { ok: 1 }, 0],
    [[r('changed')], { ok: 1, changed: 1 }, 0],
    [[r('skipped')], { skipped: 1 }, 0],
    [[r('failed')], { failed: 1 }, 2],
    [[r('failed', true)], { ok: 1, ignored: 1 }, 0],
    [[r('unreachable')], { unreachable: 1 }, 4],
    [[r('failed'), r('unreachable')], { failed: 1, unreachable: 1 }, 4],
  ];
  for (const [results, expected, code] of table) {
    it(`${results.map((x) => x.status + (x.ignored ? '(ignored)' : '')).join('+')} → ${JSON.stringify(expected)}, exit ${code}`, () => {
      const stats: Record<string, HostStats> = {};
      for (const x of results) countResult(stats, x);
      assert.deepEqual(stats.h, { ok: 0, changed: 0, unreachable: 0, failed: 0, skipped: 0, ignored: 0, rescued: 0, ...expected });
      assert.equal(exitCodeFor(stats, false), code);
    });
  }
  it('interrupted → 99 whatever the stats', () => assert.equal(exitCodeFor({}, true), 99));
});
