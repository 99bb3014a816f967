// The real CLI (compiled) on 2 real sshd hosts: block / rescue / always and handlers as Ansible runs them, and
// Ctrl-C still running the always section. Checked by the files the tasks leave on each host.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSshCluster, type SshCluster } from '../helpers/ssh-cluster.js';
import { cli, cliProcess, writeInventory } from './cli-fixtures.js';

const PLAYBOOK = `- name: Blocks and handlers
  hosts: all
  tasks:
    - name: Make the work directory
      command:
        cmd: "mkdir -p {{ work }}"
        creates: "{{ work }}"
    - name: Guarded work
      block:
        - name: Write the config
          copy:
            dest: "{{ work }}/app.conf"
            content: "v1\\n"
          notify: Count config changes
        - name: Fail on h2
          command:
            cmd: "false"
          when: inventory_hostname == 'h2'
        - name: Not reached on h2
          command:
            cmd: "touch {{ work }}/reached"
      rescue:
        - name: Record the failure
          copy:
            dest: "{{ work }}/rescued"
            content: "{{ ansible_failed_task.name }} failed={{ ansible_failed_result.failed }}\\n"
      always:
        - name: Clean up
          command:
            cmd: "touch {{ work }}/always"
  handlers:
    - name: Count config changes
      shell:
        cmd: "echo changed >> {{ work }}/handler"
`;

describe('cli run: blocks and handlers on real sshd hosts', function () {
  this.timeout(120_000);
  let c: SshCluster;
  let inv: string;
  before(async () => {
    c = await startSshCluster(2);
    inv = writeInventory(c, join(c.dir, 'inventory.yaml'));
  });
  after(async () => { await c?.stop(); });
  const file = (host: string, name: string) => join(c.dir, host, 'work', name);

  it('h2 fails in the block, rescues, both run always and the handler once; a rerun notifies nothing', async () => {
    const pb = join(c.dir, 'blocks.yaml');
    writeFileSync(pb, PLAYBOOK);
    const r = await cli(['run', pb, '-i', inv, '--json']);
    assert.equal(r.code, 0, r.stderr + r.stdout.slice(-2000));
    const stats = JSON.parse(r.stdout).stats as Record<string, { failed: number; rescued: number }>;
    assert.deepEqual([stats.h1!.failed, stats.h1!.rescued, stats.h2!.failed, stats.h2!.rescued], [0, 0, 0, 1]);
    assert.ok(existsSync(file('h1', 'reached')) && !existsSync(file('h2', 'reached')));
    assert.ok(!existsSync(file('h1', 'rescued')));
    assert.equal(readFileSync(file('h2', 'rescued'), 'utf8'), 'Fail on h2 failed=true\n');
    for (const h of ['h1', 'h2']) {
      assert.ok(existsSync(file(h, 'always')), `always ran on ${h}`);
      assert.equal(readFileSync(file(h, 'handler'), 'utf8'), 'changed\n', `handler ran once on ${h}`);
    }
    const again = await cli(['run', pb, '-i', inv]);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /rescued=1/);
    for (const h of ['h1', 'h2']) assert.equal(readFileSync(file(h, 'handler'), 'utf8'), 'changed\n', `no change, no handler on ${h}`);
  });

  it('Ctrl-C during a block: the running task finishes, the rest is skipped, always runs; exit 99', async () => {
    const pb = join(c.dir, 'interrupt.yaml');
    writeFileSync(pb, `- name: Long
  hosts: h1
  tasks:
    - block:
        - name: Sleep a bit
          command:
            cmd: sleep 2
        - name: Must not run
          command:
            cmd: "touch {{ work }}/after-interrupt"
      always:
        - name: Release
          command:
            cmd: "touch {{ work }}/released"
`);
    const p = cliProcess(['run', pb, '-i', inv]);
    let seen = '';
    await new Promise<void>((resolve) => {
      p.stdout?.on('data', (d: Buffer) => { seen += d.toString(); if (/TASK \[Sleep a bit\]/.test(seen)) resolve(); });
      void p.then(() => resolve());
    });
    p.kill('SIGINT');
    const r = await p;
    assert.equal(r.exitCode, 99, String(r.stdout) + String(r.stderr));
    assert.ok(!existsSync(file('h1', 'after-interrupt')));
    assert.ok(existsSync(file('h1', 'released')), 'the always section ran after Ctrl-C');
  });
});
