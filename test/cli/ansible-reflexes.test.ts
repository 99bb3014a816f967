// ansible-playbook's reflexes through the real CLI (compiled), on local-connection hosts (nothing to connect to):
// --limit that matches nothing is exit 1 with Ansible's message, unknown names are warned about, @file works;
// inventory warnings are printed; `validate` and `run` reject the same templated argument the same way.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './cli-fixtures.js';

const INVENTORY = `[scm]
scm ansible_connection=local

[servers:children]
scm

[replicas]
new1 ansible_connection=local

[clients]
client1 ansible_connection=local

[all:vars]
ansible_ssh_user_name=coda
realm=coda.example.org
`;

const PLAYBOOK = `- name: Say hello
  hosts: all
  tasks:
    - name: Hello
      debug:
        msg: "hello from {{ inventory_hostname }}"
`;

describe('cli: ansible-playbook reflexes (--limit, warnings, validate = run)', function () {
  this.timeout(60_000);
  let dir: string;
  let inv: string;
  let pb: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cp-reflexes-'));
    inv = join(dir, 'hosts');
    pb = join(dir, 'site.yaml');
    writeFileSync(inv, INVENTORY);
    writeFileSync(pb, PLAYBOOK);
    writeFileSync(join(dir, 'retry'), 'new1\nclient1\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const noMatch: [string, string[]][] = [
    ['run', ['run', 'PB', '-i', 'INV', '--limit', 'nosuchhost']],
    ['ping', ['ping', '-i', 'INV', '--limit', 'nosuchhost']],
  ];
  for (const [name, args] of noMatch) {
    it(`${name} --limit nosuchhost: exit 1, Ansible's message, the name warned about`, async () => {
      const r = await cli(args.map((a) => (a === 'PB' ? pb : a === 'INV' ? inv : a)));
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stderr, /Specified hosts and\/or --limit does not match any hosts/);
      assert.match(r.stderr, /\[WARNING\]: Could not match supplied host pattern, ignoring: nosuchhost/);
    });
  }

  it('run --limit scm,nwe1: runs on scm, warns about nwe1 with the nearest name', async () => {
    const r = await cli(['run', pb, '-i', inv, '--limit', 'scm,nwe1', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /\[WARNING\]: Could not match supplied host pattern, ignoring: nwe1 \(did you mean 'new1'\?\)/);
    assert.deepEqual(Object.keys(JSON.parse(r.stdout).stats), ['scm']);
  });

  it('run --limit @file reads the names from the file', async () => {
    const r = await cli(['run', pb, '-i', inv, '--limit', `@${join(dir, 'retry')}`, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(Object.keys(JSON.parse(r.stdout).stats), ['new1', 'client1']);
  });

  it('prints an inventory key that looks like a connection setting as a warning with file:line', async () => {
    const r = await cli(['run', pb, '-i', inv, '--limit', 'scm']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stderr.includes(`${inv}:14: warning: group all: 'ansible_ssh_user_name' is not a connection variable codaplay knows`), r.stderr);
  });

  it('-e volumes=vol01,vol02 passes validate; a volumes value of the wrong type fails validate and run alike', async () => {
    const ok = await cli(['validate', 'playbooks/add-replica.yaml', '-i', inv, '-e', 'volumes=vol01,vol02']);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    const single = await cli(['validate', 'playbooks/add-replica.yaml', '-i', inv, '-e', 'volumes=vol01']);
    assert.equal(single.code, 0, single.stdout + single.stderr);
    const bad = await cli(['validate', 'playbooks/add-replica.yaml', '-i', inv, '-e', '{"volumes": 5}']);
    assert.equal(bad.code, 4);
    const lines = bad.stdout.split('\n').filter((l) => /argument 'volumes'/.test(l));
    assert.ok(lines.length >= 1, bad.stdout);
    const run = await cli(['run', 'playbooks/add-replica.yaml', '-i', inv, '-e', '{"volumes": 5}']);
    assert.equal(run.code, 4, run.stderr);
    for (const l of lines) assert.ok(run.stderr.includes(l), `run reports ${l}\n${run.stderr}`);
  });
});
