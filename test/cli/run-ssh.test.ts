// The real CLI (compiled) against 3 real OpenSSH sshd hosts: run, rerun changed=0, --check touches nothing,
// unknown host key refused, exit codes, a lost host mid-run, a remote command killed at its timeout.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSshCluster, type SshCluster } from '../helpers/ssh-cluster.js';

import { cli, cliProcess, writeInventory } from './cli-fixtures.js';

const PLAYBOOK = `- name: Configure
  hosts: all
  tasks:
    - name: Make the work directory
      command:
        cmd: "mkdir -p {{ work }}"
        creates: "{{ work }}"
    - name: Write the config
      copy:
        dest: "{{ work }}/app.conf"
        content: "name={{ inventory_hostname }}\\nport={{ port | default(80) }}\\n"
    - name: Enable debug
      lineinfile:
        path: "{{ work }}/debug.conf"
        create: true
        line: "debug={{ debug | default('no') }}"
        regexp: "^debug="
`;

/** Dead: no such process, or a zombie (in a container, pid 1 may never reap orphans). */
function isGone(pid: number): boolean {
  try { return /\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8')); } catch { return true; }
}

function hashWork(c: SshCluster): string {
  const h = createHash('sha256');
  for (const host of c.hosts) {
    const dir = join(c.dir, host.name, 'work');
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) h.update(f).update(readFileSync(join(dir, f)));
  }
  return h.digest('hex');
}

describe('cli run against 3 real sshd hosts', function () {
  this.timeout(120_000);
  let c: SshCluster;
  let inv: string;
  let pb: string;
  before(async () => {
    c = await startSshCluster(3);
    inv = writeInventory(c, join(c.dir, 'inventory.yaml'));
    pb = join(c.dir, 'site.yaml');
    writeFileSync(pb, PLAYBOOK);
  });
  after(async () => { await c?.stop(); });

  it('runs on 3 hosts, then a rerun reports changed=0', async () => {
    const first = await cli(['run', pb, '-i', inv, '--json']);
    assert.equal(first.code, 0, first.stderr + first.stdout);
    const report = JSON.parse(first.stdout);
    assert.deepEqual(Object.keys(report.stats).sort(), ['h1', 'h2', 'h3']);
    for (const s of Object.values(report.stats) as { changed: number }[]) assert.equal(s.changed, 3);
    assert.equal(readFileSync(join(c.dir, 'h2/work/app.conf'), 'utf8'), 'name=h2\nport=80\n');
    assert.equal(readFileSync(join(c.dir, 'h2/work/debug.conf'), 'utf8'), 'debug=no\n');
    assert.equal(report.plays[0].tasks[1].task.location, `${pb}:8`);
    const second = await cli(['run', pb, '-i', inv, '--json']);
    assert.equal(second.code, 0, second.stderr);
    for (const s of Object.values(JSON.parse(second.stdout).stats) as { changed: number; ok: number }[]) {
      assert.equal(s.changed, 0);
      assert.equal(s.ok, 3);
    }
  });

  it('--check --diff leaves every file untouched and shows the diff in plain lines', async () => {
    const before = hashWork(c);
    const r = await cli(['run', pb, '-i', inv, '--check', '--diff', '-e', 'debug=yes']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(hashWork(c), before);
    assert.match(r.stdout, /TASK \[Enable debug\] \*+/);
    assert.match(r.stdout, /changed: \[h1\]/);
    assert.match(r.stdout, /^-debug=no$/m);
    assert.match(r.stdout, /^\+debug=yes$/m);
    assert.match(r.stdout, /PLAY RECAP \*+\nh1 +: ok=3 changed=1 unreachable=0 failed=0 skipped=0/);
  });

  it('an unknown host key is refused: exit 4, the host named unreachable with what to do', async () => {
    const empty = join(c.dir, 'empty_known_hosts');
    writeFileSync(empty, '');
    const inv2 = writeInventory(c, join(c.dir, 'inv-unknown.yaml'), empty);
    const r = await cli(['run', pb, '-i', inv2, '--limit', 'h1']);
    assert.equal(r.code, 4, r.stdout + r.stderr);
    assert.match(r.stdout, /fatal: \[h1\]: UNREACHABLE! => hostkey: unknown host key/);
    assert.match(r.stdout, /accept-new-host-keys/);
    assert.equal(readFileSync(empty, 'utf8'), '');
  });

  it('ping prints user, address and SHA256 fingerprint of each host', async () => {
    const r = await cli(['ping', '-i', inv]);
    assert.equal(r.code, 0, r.stderr);
    for (const h of c.hosts) assert.match(r.stdout, new RegExp(`${h.name} +ok +${c.user}@${h.address.replace(/\./g, '\\.')}:${h.port} +SHA256:\\S+`));
  });

  it('a failing task gives exit 2 with the command, exit meaning and file:line', async () => {
    const bad = join(c.dir, 'bad.yaml');
    writeFileSync(bad, '- name: Fail\n  hosts: h1\n  tasks:\n    - name: Run a missing tool\n      command:\n        cmd: no-such-tool-here\n');
    const r = await cli(['run', bad, '-i', inv]);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stdout, /fatal: \[h1\]: FAILED! =>/);
    assert.match(r.stdout, /127/);
    assert.match(r.stdout, /bad\.yaml:4/);
  });

  const table: [string, string[], number, RegExp][] = [
    ['unknown option', ['run', 'x.yaml', '-i', 'y', '--bogus'], 5, /Unknown argument/],
    ['missing inventory', ['run', 'x.yaml'], 5, /inventory/],
    ['--forks 0', ['run', 'x.yaml', '-i', 'y', '--forks', '0'], 5, /--forks must be a whole number/],
    ['no command', [], 5, /name a command/],
    ['a playbook file that does not exist', ['run', '/nonexistent/pb.yaml', '-i', '@INV'], 4, /nonexistent\/pb\.yaml:\d+: cannot read/],
    ['unknown --start-at-task', ['run', '@PB', '-i', '@INV', '--start-at-task', 'Nope'], 5, /no task named "Nope"/],
    ['playbook with an unknown module', ['run', '@BADPB', '-i', '@INV'], 4, /badmod\.yaml:\d+: unknown module 'no_such_module'/],
    ['validate finds the same error', ['validate', '@BADPB', '-i', '@INV'], 4, /badmod\.yaml:\d+: unknown module 'no_such_module'/],
  ];
  for (const [name, args, code, pattern] of table) {
    it(`${name} → exit ${code}`, async () => {
      const badpb = join(c.dir, 'badmod.yaml');
      writeFileSync(badpb, '- name: P\n  hosts: all\n  tasks:\n    - name: T\n      no_such_module: {}\n');
      const r = await cli(args.map((a) => a.replace('@PB', pb).replace('@INV', inv).replace('@BADPB', badpb)));
      assert.equal(r.code, code, r.stdout + r.stderr);
      assert.match(r.stdout + r.stderr, pattern);
    });
  }

  it('validate passes a good project without connecting', async () => {
    const r = await cli(['validate', pb, '-i', inv]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /ok: 1 play\(s\), 3 task\(s\), 3 host\(s\)/);
  });

  it('a command past its timeout is killed on the remote side', async () => {
    const pidFile = join(c.dir, 'h1', 'sleeper.pid');
    mkdirSync(join(c.dir, 'h1'), { recursive: true });
    const slow = join(c.dir, 'slow.yaml');
    writeFileSync(slow, `- name: Slow\n  hosts: h1\n  tasks:\n    - name: Sleep too long\n      shell:\n        cmd: "sh -c 'echo $$ > ${pidFile}; exec sleep 60'"\n      timeout: 2\n`);
    const started = Date.now();
    const r = await cli(['run', slow, '-i', inv]);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.ok(Date.now() - started < 30_000);
    assert.match(r.stdout, /FAILED!.*(timeout|still running)/);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await new Promise((res) => setTimeout(res, 500));
    assert.ok(isGone(pid), `the remote sleep (pid ${pid}) must be gone: ${r.stdout}`);
  });

  it('Ctrl-C lets the running task finish, starts nothing else, exit 99', async () => {
    const pb2 = join(c.dir, 'interrupt.yaml');
    const marker = join(c.dir, 'h1', 'after-interrupt');
    const started = join(c.dir, 'h1', 'sleep-started');
    writeFileSync(pb2, `- name: Long\n  hosts: h1\n  tasks:\n    - name: Sleep a bit\n      shell:\n        cmd: touch ${started}; sleep 2\n    - name: Must not run\n      command:\n        cmd: touch ${marker}\n`);
    const p = cliProcess(['run', pb2, '-i', inv]);
    // Interrupt once the task runs (a fixed delay could land while the CLI still loads, on a busy machine).
    while (!existsSync(started)) await new Promise((res) => setTimeout(res, 10));
    p.kill('SIGINT');
    const r = await p;
    assert.equal(r.exitCode, 99, String(r.stdout) + String(r.stderr));
    assert.match(String(r.stdout), /ok: \[h1\]|changed: \[h1\]/);
    assert.match(String(r.stdout), /PLAY RECAP/);
    assert.ok(!existsSync(marker));
  });
});
