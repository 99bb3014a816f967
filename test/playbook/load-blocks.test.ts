// Loading blocks, handlers, notify and meta: what the engine receives, and every mistake with its file:line.
import assert from 'node:assert/strict';
import { loadPlaybook } from '../../src/playbook/load-playbook.js';
import { ConfigError } from '../../src/playbook/config-error.js';
import { createRegistry } from '../../src/modules/registry.js';
import { codaModules } from '../../src/coda/modules/index.js';
import { isBlock, tasksOf, type Block, type Task } from '../../src/playbook/types.js';

const registry = createRegistry(codaModules);
const load = (text: string) => loadPlaybook('/tmp/pb.yaml', registry, text);

const BLOCKS = `- hosts: all
  tasks:
    - name: Outer
      when: a
      tags: [outer]
      become: true
      block:
        - name: t1
          command: date
          when: b
        - block:
            - name: t2
              command: date
              tags: [own]
          tags: [inner]
          when: c
      rescue:
        - name: r1
          command: date
      always:
        - name: al
          command: date
    - name: after
      command: date
`;

describe('playbook loading: blocks', () => {
  it('reads block, rescue and always, nested, in order, with the tasks\' own lines', () => {
    const play = load(BLOCKS).plays[0]!;
    assert.equal(play.tasks.length, 2);
    const outer = play.tasks[0] as Block;
    assert.ok(isBlock(outer));
    assert.equal(outer.name, 'Outer');
    assert.equal(outer.location.line, 3);
    assert.deepEqual(tasksOf(play.tasks).map((t) => `${t.name}@${t.location.line}`), ['t1@8', 't2@12', 'r1@18', 'al@21', 'after@23']);
  });

  it('tasks inherit the enclosing blocks\' when (outer first), tags and become', () => {
    const byName = new Map(tasksOf(load(BLOCKS).plays[0]!.tasks).map((t) => [t.name, t]));
    const t1 = byName.get('t1')!, t2 = byName.get('t2')!, al = byName.get('al')!, after = byName.get('after')!;
    assert.deepEqual(t1.when, ['a', 'b']);
    assert.deepEqual(t2.when, ['a', 'c']);
    assert.deepEqual(t2.tags.sort(), ['inner', 'outer', 'own']);
    assert.deepEqual(al.tags, ['outer']);
    assert.equal(al.become, true);
    assert.equal(after.become, undefined); // nothing said: the host's ansible_become decides
    assert.equal(after.when, undefined);
  });

  it('reads handlers, notify, listen, throttle and meta: flush_handlers', () => {
    const play = load(`- hosts: all
  tasks:
    - name: t
      command: date
      notify: [H, topic]
      throttle: 1
    - meta: flush_handlers
  handlers:
    - name: H
      command: date
    - name: H2
      command: date
      listen: topic
`).plays[0]!;
    const [t, meta] = play.tasks as Task[];
    assert.deepEqual(t!.notify, ['H', 'topic']);
    assert.equal(t!.throttle, 1);
    assert.equal(meta!.module, 'meta');
    assert.deepEqual(play.handlers!.map((h) => [h.name, h.listen]), [['H', undefined], ['H2', ['topic']]]);
  });

  const bad: [string, string, RegExp][] = [
    ['unknown block key', '- hosts: all\n  tasks:\n    - block:\n        - name: x\n          command: date\n      finally: []\n', /pb\.yaml:6: block: unknown key 'finally'/],
    ['block not a list', '- hosts: all\n  tasks:\n    - block: date\n', /pb\.yaml:3: block: 'block': .*expected array/],
    ['rescue not a list', '- hosts: all\n  tasks:\n    - block: []\n      rescue: x\n', /pb\.yaml:4: block: 'rescue'/],
    ['a mistake inside a block keeps its line', '- hosts: all\n  tasks:\n    - block:\n        - name: x\n          frobnicate: {}\n', /pb\.yaml:5: unknown module 'frobnicate'/],
    ['notify naming no handler', '- hosts: all\n  tasks:\n    - name: x\n      command: date\n      notify: Restart\n  handlers:\n    - name: restart\n      command: date\n', /pb\.yaml:3: task "x": notify 'Restart' names no handler of this play \(handlers and topics: restart\)/],
    ['unknown meta action', '- hosts: all\n  tasks:\n    - meta: end_play\n', /pb\.yaml:3: meta: unknown action "end_play"/],
    ['throttle not a positive whole number', '- hosts: all\n  tasks:\n    - name: x\n      command: date\n      throttle: 0\n', /pb\.yaml:5: task "x": 'throttle'/],
    ['handlers not a list', '- hosts: all\n  tasks: []\n  handlers: {}\n', /pb\.yaml:3: play 1: 'handlers' must be a list/],
  ];
  for (const [name, text, message] of bad) {
    it(`refuses ${name}, with its line`, () => {
      assert.throws(() => load(text), (err: unknown) => err instanceof ConfigError && message.test(err.message), name);
    });
  }
});
