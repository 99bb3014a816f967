// lab up / status / fault / down as plain functions against real sshd: every host reachable with the lab key and
// known_hosts, each host sees its own root and the lab's tools first on PATH, a second `lab up` refuses, fault
// knobs are validated, and `lab down` leaves no recorded process alive (and is idempotent).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LabConfig } from '../../../src/lab/core/lab-config.js';
import { labDown } from '../../../src/lab/infra/lab-down.js';
import { labFault } from '../../../src/lab/infra/lab-fault.js';
import { labStatus } from '../../../src/lab/infra/lab-status.js';
import { labUp } from '../../../src/lab/infra/lab-up.js';
import { isAlive, labProcesses } from '../../../src/lab/infra/processes.js';

function ssh(lab: LabConfig, host: string, command: string): { code: number; out: string } {
  const ip = lab.hosts.find((h) => h.short === host)!.ip;
  const r = spawnSync('ssh', ['-i', join(lab.dir, 'keys/id_ed25519'), '-o', `UserKnownHostsFile=${join(lab.dir, 'keys/known_hosts')}`,
    '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes', '-p', String(lab.sshPort), `${lab.user}@${ip}`, command], { encoding: 'utf8' });
  return { code: r.status ?? 255, out: (r.stdout ?? '') + (r.stderr ?? '') };
}

describe('lab infrastructure (lab up/status/fault/down, real sshd)', function () {
  this.timeout(180_000);
  let dir: string;
  let lab: LabConfig;
  let pids: number[] = [];
  before(async () => {
    dir = mkdtempSync('/tmp/cpi-');
    lab = await labUp({ dir, volumes: 1, files: 3, timeFactor: 0.02 });
    pids = labProcesses(lab).map((p) => p.pid).filter((p): p is number => p !== null);
  });
  after(async () => { await labDown({ dir }); rmSync(dir, { recursive: true, force: true }); });

  it('has scm, new1 and client1 on distinct 127.x addresses with one sshd each', () => {
    assert.deepEqual(lab.hosts.map((h) => `${h.short}:${h.role}`), ['scm:scm', 'new1:new-server', 'client1:client']);
    const ips = lab.hosts.map((h) => h.ip);
    assert.equal(new Set(ips).size, ips.length);
    for (const ip of ips) assert.match(ip, /^127\.\d+\.\d+\.\d+$/);
    for (const h of lab.hosts) assert.ok(labProcesses(lab).some((p) => p.host === h.short && p.name === 'sshd' && p.alive), h.short);
  });

  it('every host answers over ssh with the lab key and strict known_hosts, sees its own root and the lab tools', () => {
    for (const h of lab.hosts) {
      const r = ssh(lab, h.short, `cat ${join(h.root, 'etc/hostname')}; command -v volutil; echo "$CODA_LAB_HOST"`);
      assert.equal(r.code, 0, r.out);
      assert.equal(r.out, `${h.name}\n${join(dir, 'bin/volutil')}\n${h.short}\n`);
    }
  });

  it('lays out the SCM and the new server as the reference says', () => {
    const scm = lab.hosts.find((h) => h.role === 'scm')!;
    const servers = readFileSync(join(scm.root, 'vice/db/servers'), 'utf8');
    assert.match(servers, /^scm\.coda\.lab\s+1$/m);
    assert.doesNotMatch(servers, /new1/);
    // vice-setup writes 2130706432; createvol_rep took one group id each for / and vol01.
    assert.equal(readFileSync(join(scm.root, 'vice/db/maxgroupid'), 'utf8').trim(), String(2130706432 + 2));
    for (const tk of ['volutil.tk', 'update.tk', 'auth2.tk']) assert.equal(statSync(join(scm.root, 'vice/db', tk)).mode & 0o777, 0o600, tk);
    const new1 = lab.hosts.find((h) => h.short === 'new1')!;
    assert.ok(existsSync(join(new1.root, 'vicepa/FTREEDB')));
    assert.match(readFileSync(join(new1.root, 'vice/db/vicetab'), 'utf8'), /^new1\.coda\.lab\s+\S+vicepa\s+ftree\s+width=\d+,depth=\d+$/m);
    assert.match(readFileSync(join(dir, 'inventory.yaml'), 'utf8'), /replicas:/);
  });

  it('status shows every host and codasrv up on the SCM', async () => {
    const s = await labStatus({ dir });
    for (const h of lab.hosts) assert.match(s, new RegExp(`^${h.short}\\s+${h.name.replace(/\./g, '\\.')}\\s+${h.ip.replace(/\./g, '\\.')}`, 'm'));
    assert.match(s, /^scm .*codasrv \d+ up/m);
  });

  it('lab up refuses a running lab', async () => {
    await assert.rejects(labUp({ dir, volumes: 1, files: 3 }), /already running/);
  });

  it('lab fault validates knob names and values', () => {
    assert.throws(() => labFault({ dir, host: 'scm', set: ['nosuchknob=1'] }), /unknown fault knob 'nosuchknob'/);
    assert.throws(() => labFault({ dir, host: 'scm', set: ['slowStartSec=banana'] }), /expected true, false or a number/);
    labFault({ dir, host: 'scm', set: [], clear: true });
  });

  it('lab down ends every recorded process and is idempotent', async () => {
    assert.ok(pids.length >= 4, `pids: ${pids.join(' ')}`);
    await labDown({ dir });
    for (const pid of pids) assert.equal(isAlive(pid), false, `pid ${pid} still alive`);
    assert.deepEqual((await labDown({ dir })).stopped, []);
  });
});
