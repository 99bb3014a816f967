// The seed's procedure typed by hand over plain ssh, in the order Coda's code needs (REFERENCE §0), against a
// lab cell: the new replica must appear in getvolinfo, cfs whereis must name both servers, and the files must
// reach the new replica. Then `lab down` must leave no process behind (checked by pid).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { labUp, type LabCell } from '../helpers/lab-cell.js';

interface LabJson { hosts: { short: string; ip: string }[]; sshPort: number }

function ssh(cell: LabCell, host: string, command: string): { code: number; out: string } {
  const lab = JSON.parse(readFileSync(join(cell.dir, 'lab.json'), 'utf8')) as LabJson;
  const ip = lab.hosts.find((h) => h.short === host)!.ip;
  const r = spawnSync('ssh', ['-i', join(cell.dir, 'keys/id_ed25519'), '-o', `UserKnownHostsFile=${join(cell.dir, 'keys/known_hosts')}`, '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes', '-p', String(lab.sshPort), ip, command], { encoding: 'utf8' });
  return { code: r.status ?? 255, out: (r.stdout ?? '') + (r.stderr ?? '') };
}

function must(r: { code: number; out: string }, what: string): string {
  assert.equal(r.code, 0, `${what}:\n${r.out}`);
  return r.out;
}

function pidsOf(cell: LabCell): number[] {
  const out = spawnSync('sh', ['-c', `cat ${cell.dir}/*/ssh/sshd.pid ${cell.dir}/*/vice/srv/pid ${cell.dir}/*/vice/misc/*.pid ${cell.dir}/*/venus.cache/pid 2>/dev/null`], { encoding: 'utf8' }).stdout;
  return out.split('\n').map(Number).filter((n) => n > 0);
}

const alive = (pid: number): boolean => { try { process.kill(pid, 0); return true; } catch { return false; } };

describe('the seed procedure by hand over ssh, in the order Coda needs', function () {
  this.timeout(180_000);
  let cell: LabCell;
  before(async () => { cell = await labUp(['--volumes', '1', '--files', '5']); });
  after(async () => { await cell?.down(); });

  it('each host shows its own files and the simulated tools first on PATH', () => {
    for (const host of ['scm', 'new1', 'client1']) {
      const out = must(ssh(cell, host, 'hostname -f; command -v volutil; echo "$CODA_LAB_HOST"'), host);
      assert.equal(out, `${host}.coda.lab\n${join(cell.dir, 'bin/volutil')}\n${host}\n`);
    }
  });

  it('the wiki\'s literal order (start the new server before it is listed) fails as Coda does', () => {
    const r = ssh(cell, 'new1', 'startserver');
    assert.equal(r.code, 1);
    assert.match(cell.file('new1', 'vice/srv/SrvLog'), /Hostname of this server \(new1\.coda\.lab\) is not listed in \S+servers\. Exiting\./);
  });

  it('adds new1 as a replica of vol01 and the data reaches it', () => {
    const V = (h: string): string => join(cell.dir, h, 'vice');
    // The client has been using the realm: venus caches vol01 with its one-server VSG.
    must(ssh(cell, 'client1', `ls -lR ${join(cell.dir, 'client1/coda/coda.lab')} >/dev/null`), 'client in use');
    must(ssh(cell, 'scm', `printf 'new1.coda.lab\\t\\t2\\n' >> ${V('scm')}/db/servers`), 'servers line');
    must(ssh(cell, 'new1', `updatefetch -h scm.coda.lab -r db/servers -l ${V('new1')}/db/servers`), 'updatefetch servers');
    must(ssh(cell, 'scm', 'volutil shutdown; while kill -0 $(cat $CODA_LAB_DIR/scm/vice/srv/pid) 2>/dev/null; do sleep 0.1; done; startserver'), 'restart scm');
    must(ssh(cell, 'new1', 'startserver'), 'start new1');
    must(ssh(cell, 'scm', 'volutil setlogparms 01000002 reson 4'), 'setlogparms');
    const created = must(ssh(cell, 'scm', `volutil -h new1.coda.lab create_rep ${join(cell.dir, 'new1/vicepa')} vol01.1 7f000001 2>/dev/null`), 'create_rep');
    const id = /^Volume ([0-9a-f]{8}) \(vol01\.1\) created $/m.exec(created)?.[1];
    assert.equal(id, '02000001');
    must(ssh(cell, 'scm', `sed -i 's/^vol01 7f000001 1 01000002 0\\+ /vol01 7f000001 2 01000002 ${id} /' ${V('scm')}/db/VRList && grep -q '^vol01 7f000001 2 ' ${V('scm')}/db/VRList`), 'VRList edit');
    must(ssh(cell, 'scm', 'bldvldb.sh new1.coda.lab'), 'bldvldb.sh');
    must(ssh(cell, 'scm', `volutil makevrdb ${V('scm')}/db/VRList`), 'makevrdb');
    for (const f of ['VRList', 'VRDB', 'VLDB']) must(ssh(cell, 'new1', `updatefetch -h scm.coda.lab -r db/${f} -l ${V('new1')}/db/${f}`), `updatefetch ${f}`);
    must(ssh(cell, 'new1', 'volutil updatedb'), 'updatedb on new1');
    const mount = join(cell.dir, 'client1/coda/coda.lab');
    must(ssh(cell, 'client1', `cfs checkservers && cfs checkvolumes && cfs strong && cfs flushobject ${mount} && ls -lR ${mount} >/dev/null`), 'client steps');
    for (const server of ['scm', 'new1']) {
      assert.match(must(ssh(cell, 'scm', `getvolinfo ${server}.coda.lab vol01`), `getvolinfo ${server}`), /ServerCount 2\n\tReplica0 id 01000002, Server0 \S+\n\tReplica1 id 02000001, Server1 \S+\.20\n/);
    }
    assert.equal(must(ssh(cell, 'client1', `cfs whereis ${mount}/vol01`), 'whereis'), '  scm.coda.lab  new1.coda.lab\n');
    const ftree = statSync(join(cell.dir, 'new1/vicepa/FTREEDB')).size;
    assert.ok(ftree >= 5 * 24, `FTREEDB holds a container per file (${ftree} bytes)\n${cell.tool('scm', 'getvolinfo', ['scm.coda.lab', 'vol01']).stdout}`);
    assert.match(cell.file('client1', 'venus.cache/venus.log'), /VSG change for volume vol01 \[1\] 00000000 -> 02000001/);
  });

  it('lab down leaves no process behind', async () => {
    const pids = pidsOf(cell);
    assert.ok(pids.length >= 7, `the lab recorded its processes (${pids.length})`);
    await cell.down();
    assert.deepEqual(pids.filter(alive), []);
  });
});
