import assert from 'node:assert/strict';
import { loadPlaybook, validateArgs } from '../../src/playbook/load-playbook.js';
import { ConfigError } from '../../src/playbook/config-error.js';
import { evalCondition, renderValue } from '../../src/playbook/templating.js';
import { parseExtraVars } from '../../src/playbook/extra-vars.js';
import { createRegistry } from '../../src/modules/registry.js';
import { codaModules } from '../../src/coda/modules/index.js';
import type { Block, Task } from '../../src/playbook/types.js';

const registry = createRegistry(codaModules);

describe('playbook loading', () => {
  it('loads the add-replica playbook with every task located', () => {
    const pb = loadPlaybook('playbooks/add-replica.yaml', registry);
    assert.equal(pb.plays.length, 2);
    const first = pb.plays[0]!.tasks[0] as Task;
    assert.equal(first.module, 'coda_preflight');
    assert.equal(first.location.line, 21);
    // The lock is taken first in the job's block and released in its always section, both tagged always.
    const job = pb.plays[1]!.tasks[0] as Block;
    assert.equal((job.block[0] as Task).module, 'coda_lock');
    assert.deepEqual(job.always.map((t) => [(t as Task).module, (t as Task).args.state, (t as Task).tags]), [['coda_lock', 'absent', ['always']]]);
    assert.equal(pb.plays[1]!.anyErrorsFatal, true);
  });
  const bad: [string, string, RegExp][] = [
    ['unknown module', '- hosts: all\n  tasks:\n    - name: x\n      frobnicate: {}\n', /pb\.yaml:4: unknown module 'frobnicate'/],
    ['unknown argument (its own line)', '- hosts: all\n  tasks:\n    - name: x\n      lineinfile:\n        path: /a\n        line: b\n        colour: red\n', /pb\.yaml:7: module lineinfile: unknown argument 'colour'/],
    ['argument of the wrong type', '- hosts: all\n  tasks:\n    - name: x\n      lineinfile:\n        path: 5\n        line: b\n', /pb\.yaml:5: module lineinfile: argument 'path': .*expected string/],
    ['arguments neither a mapping nor a command', '- hosts: all\n  tasks:\n    - name: x\n      command: [a]\n', /pb\.yaml:4: module command: arguments must be a mapping or a command line/],
    ['two modules in one task', '- hosts: all\n  tasks:\n    - name: x\n      command: date\n      shell: date\n', /pb\.yaml:5: task "x": more than one module or an unknown key: command, shell/],
    ['retries not a number', '- hosts: all\n  tasks:\n    - name: x\n      command: date\n      retries: many\n', /pb\.yaml:5: task "x": 'retries': .*expected number/],
    ['register not a name', '- hosts: all\n  tasks:\n    - name: x\n      command: date\n      register: my-result\n', /pb\.yaml:5: task "x": 'register': expected a variable name/],
    ['become not a boolean', '- hosts: all\n  tasks:\n    - name: x\n      command: date\n      become: sudo\n', /pb\.yaml:5: task "x": 'become'/],
    ['loop_control key unknown', '- hosts: all\n  tasks:\n    - name: x\n      command: date\n      loop: [1]\n      loop_control: {loopvar: n}\n', /pb\.yaml:6: task "x": 'loop_control'/],
    ['play key unknown', '- hosts: all\n  taks: []\n', /pb\.yaml:2: play 1: unknown key 'taks' — did you mean 'tasks'\?/],
    ['unknown module near a known one', '- hosts: all\n  tasks:\n    - name: x\n      comand: date\n', /pb\.yaml:4: unknown module 'comand' — did you mean 'command'\?/],
    ['misspelt Coda module', '- hosts: all\n  tasks:\n    - name: x\n      coda_prefligth: {}\n', /pb\.yaml:4: unknown module 'coda_prefligth' — did you mean 'coda_preflight'\?/],
    ['misspelt task keyword beside a module', '- hosts: all\n  tasks:\n    - name: x\n      command: date\n      regsiter: r\n', /pb\.yaml:5: task "x": unknown keyword 'regsiter' — did you mean 'register'\?/],
    ['misspelt task keyword alone', '- hosts: all\n  tasks:\n    - name: x\n      command: date\n      wehn: a\n', /pb\.yaml:5: task "x": unknown keyword 'wehn' — did you mean 'when'\?/],
    ['wrong type', '- hosts: all\n  tasks:\n    - name: x\n      wait_for:\n        path: /a\n        timeout: soon\n', /pb\.yaml:6: module wait_for: argument 'timeout'/],
    ['task without a name', '- hosts: all\n  tasks:\n    - command: date\n', /pb\.yaml:3: every task needs a name/],
    ['play without hosts', '- name: p\n  tasks: []\n', /pb\.yaml:1: play 1: 'hosts' is required/],
    ['not a list', 'hosts: all\n', /pb\.yaml:1: a playbook is a list of plays/],
  ];
  for (const [name, text, message] of bad) {
    it(`rejects ${name} with file:line`, () => {
      assert.throws(() => loadPlaybook('/tmp/pb.yaml', registry, text), (err: unknown) => err instanceof ConfigError && message.test(err.message), name);
    });
  }
  it('collects every problem, each with its own line', () => {
    const text = '- hosts: all\n  tasks:\n    - name: a\n      frobnicate: {}\n    - name: b\n      lineinfile: {path: /a, line: b, colour: red}\n    - command: date\n';
    assert.throws(() => loadPlaybook('/tmp/pb.yaml', registry, text), (err: unknown) => err instanceof ConfigError
      && JSON.stringify(err.issues.map((i) => i.line)) === '[4,6,7]');
  });
  it('reads task keywords: free-form command, loop_var, retries, conditions', () => {
    const text = '- name: p\n  hosts: servers\n  serial: 1\n  tasks:\n    - name: t\n      command: echo {{ item }}\n      loop: [1, 2]\n      loop_control: {loop_var: n}\n      retries: 3\n      delay: 2\n      until: r.rc == 0\n      register: r\n      when: [a, b]\n      tags: x, y\n      become: true\n      run_once: true\n      delegate_to: scm\n      timeout: 30\n';
    const play = loadPlaybook('/tmp/pb.yaml', registry, text).plays[0]!;
    const t = play.tasks[0] as Task;
    assert.deepEqual([play.serial, play.location.line, t.location.line], [1, 1, 5]);
    assert.deepEqual([t.args, t.loop, t.loopVar, t.retries, t.delaySeconds, t.until, t.register, t.when, t.tags, t.become, t.runOnce, t.delegateTo, t.timeoutSeconds],
      [{ cmd: 'echo {{ item }}' }, [1, 2], 'n', 3, 2, 'r.rc == 0', 'r', ['a', 'b'], ['x', 'y'], true, true, 'scm', 30]);
  });
  it('accepts templated arguments statically and checks them after rendering', () => {
    const pb = loadPlaybook('/tmp/pb.yaml', registry, '- hosts: all\n  tasks:\n    - name: x\n      wait_for:\n        path: /a\n        timeout: "{{ t }}"\n');
    const task = pb.plays[0]!.tasks[0] as Task;
    assert.throws(() => validateArgs(registry.get('wait_for')!, renderValue(task.args, { t: 'soon' }) as Record<string, unknown>, task.location), /pb\.yaml:3: wait_for: argument 'timeout'/);
    assert.equal(validateArgs(registry.get('wait_for')!, renderValue(task.args, { t: 5 }) as Record<string, unknown>, task.location).timeout, 5);
  });
});

describe('templating and conditions', () => {
  const vars = { groups: { replicas: ['n1', 'n2'] }, vicedir: '/vice', result: { rc: 1, stdout: 'hello' }, n: 2, hostvars: { n1: { coda_name: 'n1.lab' } } };
  const render: [unknown, unknown][] = [
    ['{{ groups.replicas }}', ['n1', 'n2']], ['{{ vicedir }}/db', '/vice/db'], ["{{ volumes | default('all') }}", 'all'], ['{{ n + 1 }}', 3],
    ['{{ hostvars["n1"].coda_name }}', 'n1.lab'], ['{{ vicedir | quote }}', '/vice'], ["{{ 'a b' | quote }}", "'a b'"], [{ k: ['{{ n }}'] }, { k: [2] }], [5, 5],
  ];
  for (const [input, out] of render) it(`renders ${JSON.stringify(input)}`, () => assert.deepEqual(renderValue(input, vars), out));
  it('an undefined variable is an error naming it', () => assert.throws(() => renderValue('{{ nope }}', vars), /'nope' is undefined/));
  const conditions: [string | boolean, boolean][] = [['result.rc != 0', true], ["'hell' in result.stdout", true], ['bare | default(false)', false], [true, true], ['{{ n > 3 }}', false]];
  for (const [expr, want] of conditions) it(`condition ${String(expr)}`, () => assert.equal(evalCondition(expr, vars), want));
  it('extra vars: key=value, JSON', () => {
    assert.deepEqual(parseExtraVars(['a=1 b=x', '{"c": [1]}', 'force_setup=true']), { a: 1, b: 'x', c: [1], force_setup: true });
  });
});
