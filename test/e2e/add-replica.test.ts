// End to end: the add-replica playbook through the real CLI, against a simulated cell whose every host is a
// real sshd on loopback. Each run is checked by the cell's own files and tools, not by codaplay's word.
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codaplay, codaplayProcess, parseJsonReport, taskResults, totalChanged } from '../helpers/cli.js';
import { labUp, type LabCell } from '../helpers/lab-cell.js';

const PLAYBOOK = 'playbooks/add-replica.yaml';

async function run(cell: LabCell, extra: string[] = []) {
  const r = await codaplay(['run', PLAYBOOK, '-i', cell.inventory, '--json', ...extra]);
  let report;
  try {
    report = parseJsonReport(r.stdout);
  } catch {
    throw new Error(`no JSON report (exit ${r.code}):\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`);
  }
  return { ...r, report };
}

function serversLines(cell: LabCell, name: string): string[] {
  return cell.file('scm', 'vice/db/servers').split('\n').filter((l) => l.trim().split(/\s+/)[0] === name);
}

/** Each volume has exactly one replica on the new server, and VRList's slot 1 holds it. */
function assertOneReplicaPerSlot(cell: LabCell, server = 'new1'): void {
  const list = cell.tool('scm', 'volutil', ['-h', `${server}.coda.lab`, 'getvolumelist']).stdout;
  const names = [...list.matchAll(/^W(\S+) I([0-9a-f]+)/gm)].map((m) => ({ name: m[1]!, id: m[2]! }));
  for (const line of cell.file('scm', 'vice/db/VRList').split('\n').filter(Boolean)) {
    const [vol, , count, ...slots] = line.trim().split(/\s+/);
    assert.equal(count, '2', `${vol} has 2 replicas`);
    const onNew = names.filter((n) => n.name === `${vol}.1`);
    assert.equal(onNew.length, 1, `exactly one ${vol}.1 on ${server}`);
    assert.equal(parseInt(slots[1]!, 16), parseInt(onNew[0]!.id, 16), `slot 1 of ${vol} is the replica on ${server}`);
  }
}

describe('add-replica end to end (real sshd, simulated cell)', function () {
  this.timeout(240_000);

  describe('a fresh cell', () => {
    let cell: LabCell;
    before(async () => { cell = await labUp(['--volumes', '3', '--files', '6']); });
    after(async () => { await cell?.down(); });

    it('--check lists the changes and touches nothing', async () => {
      const before = cell.hashDatabases();
      const r = await run(cell, ['--check']);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(totalChanged(r.report) > 0, 'check mode reports the changes it would make');
      assert.match(JSON.stringify(taskResults(r.report, /Add the new server to servers/)), /new1\.coda\.lab/);
      assert.deepEqual(cell.hashDatabases(), before);
    });

    it('adds the replica of every volume, with evidence, and a rerun reports changed=0', async () => {
      const first = await run(cell);
      assert.equal(first.code, 0, `${first.stderr}\n${JSON.stringify(first.report.stats)}`);
      const [verify] = taskResults(first.report, /Check getvolinfo/, 'scm');
      assert.equal(verify?.status, 'ok');
      assert.match(String(verify?.data.report), /EVIDENCE/);
      // Proofs gathered while the databases were pushed (every server's getvolinfo, the SCM's VLDB for the new
      // replicas' names) and the client's whereis after its walk are the evidence: verification asks none again.
      const asked = verify!.commands.map((c) => c.command);
      assert.ok(!asked.some((c) => /getvolinfo|cfs whereis/.test(c)), asked.join('\n'));
      const [scmProofs] = taskResults(first.report, /Fetch VRList, VRDB and VLDB/, 'scm');
      assert.ok(scmProofs!.commands.some((c) => /getvolinfo scm\.coda\.lab 'vol01\.1'|getvolinfo scm\.coda\.lab vol01\.1/.test(c.command)), JSON.stringify(scmProofs!.commands.map((c) => c.command)));
      assertOneReplicaPerSlot(cell);
      const info = cell.tool('client1', 'cfs', ['whereis', join(cell.dir, 'client1/coda/coda.lab/vol01')]).stdout;
      assert.match(info, /new1/);
      const second = await run(cell);
      assert.equal(second.code, 0);
      assert.equal(totalChanged(second.report), 0, JSON.stringify(second.report.stats));
      assert.equal(serversLines(cell, 'new1.coda.lab').length, 1);
    });
  });

  describe('interrupted runs finish on the next run', () => {
    let cell: LabCell;
    beforeEach(async () => { cell = await labUp(['--volumes', '2', '--files', '4']); });
    afterEach(async () => { await cell?.down(); });

    it('create_rep failing on the new server: a rerun completes with no duplicate', async () => {
      await cell.fault('new1', 'createRepFails=true');
      const failed = await run(cell);
      assert.equal(failed.code, 2);
      assert.match(JSON.stringify(taskResults(failed.report, /create \(or adopt\)/)), /VolCreate failed|create_rep failed/);
      await cell.clearFaults('new1');
      const rerun = await run(cell);
      assert.equal(rerun.code, 0, rerun.stderr);
      assert.equal(serversLines(cell, 'new1.coda.lab').length, 1);
      assertOneReplicaPerSlot(cell);
    });

    it('the run killed mid-job: the rerun reports the dead run\'s lock, takes it over and completes', async () => {
      const child = codaplayProcess(['run', PLAYBOOK, '-i', cell.inventory]);
      let seen = '';
      await new Promise<void>((resolve) => {
        child.stdout?.on('data', (d: Buffer) => {
          seen += d.toString();
          if (/TASK \[Put the new replica ids into VRList/.test(seen)) resolve();
        });
        void child.then(() => resolve());
      });
      child.kill('SIGKILL');
      await child;
      const rerun = await run(cell);
      assert.equal(rerun.code, 0, rerun.stderr);
      assert.match(JSON.stringify(taskResults(rerun.report, /Take the SCM lock/)), /stale lock/);
      assertOneReplicaPerSlot(cell);
      assert.equal(serversLines(cell, 'new1.coda.lab').length, 1);
    });

    it('a client that disconnects mid-walk reconnects and walks again (6.9: no cfs wr)', async () => {
      await cell.fault('client1', 'disconnectAfter=5');
      const r = await run(cell);
      assert.equal(r.code, 0, r.stderr);
      const [client] = taskResults(r.report, /checkservers, checkvolumes/, 'client1');
      assert.ok(Number(client?.data.disconnections) >= 1);
      const commands = client!.commands.map((c) => c.command);
      assert.ok(commands.includes('cfs reconnect'));
      assert.ok(!commands.includes('cfs wr'));
    });
  });

  describe('bad cells are refused before anything changes', () => {
    let cell: LabCell;
    before(async () => { cell = await labUp(['--volumes', '1', '--files', '2']); });
    after(async () => { await cell?.down(); });

    const refuse = async (setup: () => Promise<void> | void, undo: () => Promise<void> | void, extra: string[], message: RegExp): Promise<void> => {
      await setup();
      const before = cell.hashDatabases();
      try {
        const r = await run(cell, extra);
        assert.notEqual(r.code, 0);
        assert.match(JSON.stringify(taskResults(r.report, /Check hosts, names/)), message);
        assert.deepEqual(cell.hashDatabases(), before);
      } finally {
        await undo();
      }
    };

    it('an existing server down', () => refuse(() => cell.fault('scm', 'down=true'), () => cell.clearFaults('scm'), [], /codasrv on scm\.coda\.lab does not answer/));

    it('the client resolves the new server differently', () => {
      const hosts = join(cell.dir, 'client1/etc/hosts');
      const original = readFileSync(hosts, 'utf8');
      return refuse(() => writeFileSync(hosts, original.replace(/^(\S+)(\s+new1\.coda\.lab)/m, '127.9.9.9$2')), () => writeFileSync(hosts, original), [], /client1 resolves new1\.coda\.lab to 127\.9\.9\.9/);
    });

    it('a reserved server id', () => refuse(() => undefined, () => undefined, ['-e', 'server_id=127'], /server id 127 is reserved/));
  });

  describe('bigger cells and other versions', () => {
    it('two new servers, two clients, 20 volumes in one run', async () => {
      const cell = await labUp(['--new-servers', '2', '--clients', '2', '--volumes', '20', '--files', '2']);
      try {
        const r = await run(cell);
        assert.equal(r.code, 0, r.stderr);
        for (const line of cell.file('scm', 'vice/db/VRList').split('\n').filter(Boolean)) assert.equal(line.trim().split(/\s+/)[2], '3');
        assert.equal(totalChanged((await run(cell)).report), 0);
      } finally {
        await cell.down();
      }
    });

    it('Coda 6.1 uses cfs wr after a disconnection', async () => {
      const cell = await labUp(['--volumes', '1', '--files', '6', '--coda-version', '6.1']);
      try {
        await cell.fault('client1', 'disconnectAfter=3');
        const r = await run(cell);
        assert.equal(r.code, 0, r.stderr);
        const [client] = taskResults(r.report, /checkservers, checkvolumes/, 'client1');
        assert.ok(client!.commands.some((c) => c.command === 'cfs wr'));
      } finally {
        await cell.down();
      }
    });
  });
});
