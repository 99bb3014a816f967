import assert from 'node:assert/strict';
import { runPlaybook } from '../../src/engine/run-playbook.js';
import type { Task } from '../../src/playbook/types.js';
import { harness, play, results, task } from './fakes.js';

// Each case: tasks on one host → expected status (and reason pattern) of the LAST task's result.
const cases: { name: string; tasks: Task[]; status: string; reason?: RegExp; check?: (files: Map<string, string>) => void }[] = [
  { name: 'when false skips with the condition as reason', tasks: [task('t', 'line', { path: '/f', text: 'x' }, { when: "who == 'nobody'" })], status: 'skipped', reason: /when was false: who == 'nobody'/ },
  { name: 'when list: all must hold', tasks: [task('t', 'line', { path: '/f', text: 'x' }, { when: ['true', "who == 'h1'"] })], status: 'changed' },
  { name: 'loop runs each item with loop_var', tasks: [task('t', 'line', { path: '/{{ n }}', text: '{{ n }}' }, { loop: ['a', 'b'], loopVar: 'n' })], status: 'changed',
    check: (f) => assert.deepEqual([...f.keys()].sort(), ['/a', '/b']) },
  { name: 'loop from a template', tasks: [task('t', 'line', { path: '/{{ item }}', text: 'x' }, { loop: '{{ groups.all }}' })], status: 'changed',
    check: (f) => assert.deepEqual([...f.keys()].sort(), ['/h1']) },
  { name: 'loop items skip on when per item', tasks: [task('t', 'line', { path: '/{{ item }}', text: 'x' }, { loop: ['a', 'b'], when: "item == 'b'" })], status: 'changed',
    check: (f) => assert.deepEqual([...f.keys()], ['/b']) },
  { name: 'register feeds later templates', tasks: [task('a', 'run', { cmd: 'echo' }, { register: 'r' }), task('b', 'line', { path: '/out', text: '{{ r.stdout }}' })], status: 'changed',
    check: (f) => assert.equal(f.get('/out'), 'h1:echo\n') },
  { name: 'changed_when false turns changed into ok', tasks: [task('a', 'run', { cmd: 'x' }, { changedWhen: false })], status: 'ok' },
  { name: 'changed_when sees the result', tasks: [task('a', 'run', { cmd: 'x' }, { register: 'r', changedWhen: "'nothing' in r.stdout" })], status: 'ok' },
  { name: 'failed_when true fails a success', tasks: [task('a', 'run', { cmd: 'x' }, { register: 'r', failedWhen: "'h1' in r.stdout" })], status: 'failed', reason: /failed_when/ },
  { name: 'failed_when false accepts a failure', tasks: [task('a', 'run', { cmd: 'x', rc: 2 }, { failedWhen: 'result.rc > 2' })], status: 'ok' },
  { name: 'until exhausts retries → failed', tasks: [task('a', 'run', { cmd: 'x' }, { register: 'r', until: 'r.rc == 7', retries: 2, delaySeconds: 0 })], status: 'failed', reason: /still false after 3 attempts/ },
  { name: 'until met at once', tasks: [task('a', 'run', { cmd: 'x' }, { register: 'r', until: 'r.rc == 0', retries: 2, delaySeconds: 0 })], status: 'changed' },
  { name: 'unknown module → failed with file:line', tasks: [task('a', 'nope', {})], status: 'failed', reason: /pb\.yaml:\d+: unknown module nope/ },
  { name: 'bad args after templating → failed with file:line', tasks: [task('a', 'line', { path: 3, text: 'x' })], status: 'failed', reason: /pb\.yaml:\d+: invalid arguments for line.*path/ },
  { name: 'template error → failed', tasks: [task('a', 'line', { path: '{{ undefined_var }}', text: 'x' })], status: 'failed', reason: /undefined/ },
  { name: 'tags: skip-tags leaves the task out', tasks: [task('a', 'line', { path: '/f', text: 'x' }), task('b', 'line', { path: '/g', text: 'x' }, { tags: ['slow'] })], status: 'changed',
    check: (f) => assert.ok(!f.has('/g')) },
];

describe('engine: one task on one host', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const h = harness([play(c.tasks)], ['h1'], { skipTags: ['slow'] });
      await runPlaybook(h.ctx);
      const last = results(h.events).at(-1)!;
      assert.equal(last.status, c.status, JSON.stringify(last));
      if (c.reason) assert.match(last.reason, c.reason);
      assert.ok(last.reason.length > 0);
      c.check?.(h.transports.get('h1')!.files);
    });
  }

  it('retries counts attempts and notes each retry', async () => {
    const h = harness([play([task('a', 'run', { cmd: 'x', rc: 1 }, { retries: 2, delaySeconds: 0 })])], ['h1']);
    await runPlaybook(h.ctx);
    assert.equal(h.transports.get('h1')!.log.length, 3);
    assert.equal(h.events.filter((e) => e.type === 'host-task-note').length, 2);
  });
});
