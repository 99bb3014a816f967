// block / rescue / always, as Ansible runs them: which tasks each host runs, in which order, the recap counters
// (rescued=, failed=) and the exit code. Fake transports; `run` fails where its rc is not 0.
import assert from 'node:assert/strict';
import type { Block, PlayItem, Task } from '../../src/playbook/types.js';
import type { RunOptions } from '../../src/engine/run-context.js';
import { runPlaybook } from '../../src/engine/run-playbook.js';
import { harness, play, results, task } from './fakes.js';

const ok = (name: string, extra: Partial<Task> = {}) => task(name, 'run', { cmd: name }, extra);
/** Fails on the hosts listed (all when none). */
const bad = (name: string, on: string[] = []) => task(name, 'run', { cmd: name, rc: on.length ? `{{ 1 if inventory_hostname in ${JSON.stringify(on)} else 0 }}` : 1 });
const blk = (block: PlayItem[], rescue: PlayItem[] = [], always: PlayItem[] = []): Block => ({ kind: 'block', name: 'b', block, rescue, always, location: { file: 'pb.yaml', line: 1 } });

interface Case {
  name: string;
  items: PlayItem[];
  hosts?: string[];
  options?: Partial<RunOptions>;
  anyErrorsFatal?: boolean;
  /** Abort (Ctrl-C) when this task's results are all in. */
  abortAfter?: string;
  unreachable?: string[];
  /** Per host, the tasks it ran in order. */
  ran: Record<string, string[]>;
  exit: number;
  stats?: Record<string, { failed: number; rescued: number }>;
}

const cases: Case[] = [
  { name: 'no failure: the block, then always; rescue does not run', items: [blk([ok('a'), ok('b')], [ok('r')], [ok('al')]), ok('after')],
    ran: { h1: ['a', 'b', 'al', 'after'] }, exit: 0, stats: { h1: { failed: 0, rescued: 0 } } },
  { name: 'a failure: rest of block skipped, rescue, always, then the play goes on (host rescued)', items: [blk([bad('a'), ok('b')], [ok('r')], [ok('al')]), ok('after')],
    ran: { h1: ['a', 'r', 'al', 'after'] }, exit: 0, stats: { h1: { failed: 0, rescued: 1 } } },
  { name: 'no rescue: always runs, the host stays failed and runs nothing after', items: [blk([bad('a'), ok('b')], [], [ok('al')]), ok('after')],
    ran: { h1: ['a', 'al'] }, exit: 2, stats: { h1: { failed: 1, rescued: 0 } } },
  { name: 'the rescue fails: always still runs, host failed', items: [blk([bad('a')], [bad('r'), ok('r2')], [ok('al')]), ok('after')],
    ran: { h1: ['a', 'r', 'al'] }, exit: 2, stats: { h1: { failed: 1, rescued: 1 } } },
  { name: 'always fails: the host is failed', items: [blk([ok('a')], [], [bad('al'), ok('al2')]), ok('after')],
    ran: { h1: ['a', 'al'] }, exit: 2 },
  { name: 'nested: the inner always runs, the outer rescue catches the inner failure', items: [blk([blk([bad('a'), ok('b')], [], [ok('in-al')]), ok('c')], [ok('r')], [ok('out-al')])],
    ran: { h1: ['a', 'in-al', 'r', 'out-al'] }, exit: 0, stats: { h1: { failed: 0, rescued: 1 } } },
  { name: 'only the failed host rescues; the others finish the block', hosts: ['h1', 'h2'], items: [blk([bad('a', ['h2']), ok('b')], [ok('r')], [ok('al')])],
    ran: { h1: ['a', 'b', 'al'], h2: ['a', 'r', 'al'] }, exit: 0, stats: { h1: { failed: 0, rescued: 0 }, h2: { failed: 0, rescued: 1 } } },
  { name: 'Ctrl-C: nothing new starts except the always of the block the run is in', items: [ok('before'), blk([ok('a'), ok('b')], [ok('r')], [ok('al'), ok('al2')]), ok('after')], abortAfter: 'a',
    ran: { h1: ['before', 'a', 'al', 'al2'] }, exit: 99 },
  { name: 'Ctrl-C inside a nested block: inner and outer always both run', items: [blk([blk([ok('a'), ok('b')], [], [ok('in-al')])], [], [ok('out-al')])], abortAfter: 'a',
    ran: { h1: ['a', 'in-al', 'out-al'] }, exit: 99 },
  { name: 'any_errors_fatal: one failure stops every host; always runs on all of them', hosts: ['h1', 'h2'], anyErrorsFatal: true,
    items: [blk([bad('a', ['h2']), ok('b')], [], [ok('al')]), ok('after')], ran: { h1: ['a', 'al'], h2: ['a', 'al'] }, exit: 2 },
  { name: 'any_errors_fatal: a rescued failure is not fatal', hosts: ['h1', 'h2'], anyErrorsFatal: true,
    items: [blk([bad('a', ['h2']), ok('b')], [ok('r')]), ok('after')], ran: { h1: ['a', 'b', 'after'], h2: ['a', 'r', 'after'] }, exit: 0 },
  { name: 'an unreachable host runs no always', hosts: ['h1', 'h2'], unreachable: ['h2'], items: [blk([ok('a')], [ok('r')], [ok('al')])],
    ran: { h1: ['a', 'al'], h2: ['a'] }, exit: 4 },
  { name: '--skip-tags: skipped block tasks, the always task tagged always still runs', options: { skipTags: ['work'] },
    items: [blk([ok('a', { tags: ['work'] })], [], [ok('al', { tags: ['always'] })])], ran: { h1: ['al'] }, exit: 0 },
  { name: '--start-at-task inside a block: the block\'s always runs', options: { startAtTask: 'b' },
    items: [ok('before'), blk([ok('a'), ok('b')], [], [ok('al')])], ran: { h1: ['b', 'al'] }, exit: 0 },
  { name: '--start-at-task naming an always task: it runs', options: { startAtTask: 'al' },
    items: [blk([ok('a')], [], [ok('al')]), ok('after')], ran: { h1: ['al', 'after'] }, exit: 0 },
];

describe('engine: block / rescue / always', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const hosts = c.hosts ?? ['h1'];
      const ac = new AbortController();
      const h = harness([play(c.items, { anyErrorsFatal: c.anyErrorsFatal })], hosts, { ...c.options, signal: ac.signal },
        Object.fromEntries((c.unreachable ?? []).map((u) => [u, { unreachable: true }])));
      const orig = h.ctx.listener;
      h.ctx.listener = (e) => { orig(e); if (e.type === 'task-end' && e.task === c.abortAfter) ac.abort(); };
      const out = await runPlaybook(h.ctx);
      const ran = Object.fromEntries(hosts.map((host) => [host, results(h.events).filter((r) => r.host === host).map((r) => r.task)]));
      assert.deepEqual(ran, c.ran);
      assert.equal(out.exitCode, c.exit);
      for (const [host, want] of Object.entries(c.stats ?? {})) assert.deepEqual({ failed: out.stats[host]!.failed, rescued: out.stats[host]!.rescued }, want, host);
    });
  }

  it('the rescue sees ansible_failed_task and ansible_failed_result', async () => {
    const note = task('note', 'line', { path: '/why', text: 'why: {{ ansible_failed_task.name }} rc={{ ansible_failed_result.rc }} {{ ansible_failed_result.failed }}' });
    const h = harness([play([blk([task('boom', 'run', { cmd: 'x', rc: 3 })], [note])])], ['h1']);
    await runPlaybook(h.ctx);
    assert.equal(h.transports.get('h1')!.files.get('/why'), 'why: boom rc=3 true');
  });
});
