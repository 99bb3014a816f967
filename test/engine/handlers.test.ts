// handlers / notify: who runs which handler, when, and how often. Fake transports.
import assert from 'node:assert/strict';
import type { PlayItem, Task } from '../../src/playbook/types.js';
import type { RunOptions } from '../../src/engine/run-context.js';
import { runPlaybook } from '../../src/engine/run-playbook.js';
import { harness, play, results, task } from './fakes.js';

/** `line` reports changed the first time it writes a text, ok after. */
const write = (name: string, text: string, notify?: string[]) => task(name, 'line', { path: `/${name}`, text }, { notify });
const cmd = (name: string, extra: Partial<Task> = {}) => task(name, 'run', { cmd: name }, extra);
const failOn = (name: string, host: string) => task(name, 'run', { cmd: name, rc: `{{ 1 if inventory_hostname == '${host}' else 0 }}` });
const flush = (): Task => ({ ...task('meta: flush_handlers', 'meta', { action: 'flush_handlers' }) });

interface Case {
  name: string;
  tasks: PlayItem[];
  handlers: Task[];
  hosts?: string[];
  options?: Partial<RunOptions>;
  /** Per host, every task and handler it ran, in order. */
  ran: Record<string, string[]>;
}

const cases: Case[] = [
  { name: 'a changed task notifies: the handler runs once, at the end of the play', tasks: [write('a', 'x', ['H']), write('b', 'y', ['H']), cmd('c')], handlers: [cmd('H')],
    ran: { h1: ['a', 'b', 'c', 'H'] } },
  { name: 'an ok task notifies nothing', tasks: [write('a', '', ['H'])], handlers: [cmd('H')], ran: { h1: ['a'] } },
  { name: 'a listen topic reaches every handler listening', tasks: [write('a', 'x', ['restart all'])], handlers: [cmd('H1', { listen: ['restart all'] }), cmd('H2', { listen: ['restart all'] }), cmd('H3')],
    ran: { h1: ['a', 'H1', 'H2'] } },
  { name: 'handlers run in the handlers\' order, not the notify order', tasks: [write('a', 'x', ['H2']), write('b', 'x', ['H1'])], handlers: [cmd('H1'), cmd('H2')],
    ran: { h1: ['a', 'b', 'H1', 'H2'] } },
  { name: 'only the hosts that notified run the handler', hosts: ['h1', 'h2'], tasks: [task('a', 'line', { path: '/a', text: "{{ 'x' if inventory_hostname == 'h2' else '' }}" }, { notify: ['H'] })], handlers: [cmd('H')],
    ran: { h1: ['a'], h2: ['a', 'H'] } },
  { name: 'a host that failed later runs no handler', hosts: ['h1', 'h2'], tasks: [write('a', 'x', ['H']), failOn('b', 'h2')], handlers: [cmd('H')],
    ran: { h1: ['a', 'b', 'H'], h2: ['a', 'b'] } },
  { name: '--force-handlers: the failed host runs it too', hosts: ['h1', 'h2'], options: { forceHandlers: true }, tasks: [write('a', 'x', ['H']), failOn('b', 'h2')], handlers: [cmd('H')],
    ran: { h1: ['a', 'b', 'H'], h2: ['a', 'b', 'H'] } },
  { name: 'meta: flush_handlers runs them there, and they do not run again at the end', tasks: [write('a', 'x', ['H']), flush(), cmd('b')], handlers: [cmd('H')],
    ran: { h1: ['a', 'H', 'b'] } },
  { name: 'a handler may notify a later handler', tasks: [write('a', 'x', ['H1'])], handlers: [write('H1', 'y', ['H2']), cmd('H2')],
    ran: { h1: ['a', 'H1', 'H2'] } },
];

describe('engine: handlers and notify', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const hosts = c.hosts ?? ['h1'];
      const h = harness([play(c.tasks, { handlers: c.handlers })], hosts, c.options);
      await runPlaybook(h.ctx);
      const ran = Object.fromEntries(hosts.map((host) => [host, results(h.events).filter((r) => r.host === host).map((r) => r.task)]));
      assert.deepEqual(ran, c.ran);
    });
  }

  it('check mode: a notified handler runs in check mode (plans, writes nothing)', async () => {
    const h = harness([play([write('a', 'x', ['H'])], { handlers: [write('H', 'y')] })], ['h1'], { check: true });
    await runPlaybook(h.ctx);
    const handler = results(h.events).find((r) => r.task === 'H');
    assert.equal(handler?.status, 'changed');
    assert.equal(h.transports.get('h1')!.files.size, 0);
  });

  it('serial batches: each batch runs its own handlers at its end', async () => {
    const h = harness([play([write('a', 'x', ['H'])], { serial: 1, handlers: [cmd('H')] })], ['h1', 'h2']);
    await runPlaybook(h.ctx);
    assert.deepEqual(results(h.events).map((r) => `${r.task}/${r.host}`), ['a/h1', 'H/h1', 'a/h2', 'H/h2']);
  });
});
