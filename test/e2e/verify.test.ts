// Verification says what Coda says: an empty volume has nothing to copy and passes; with no client the server
// side decides and the report warns with the client commands; files that did not reach the new replica fail.
import assert from 'node:assert/strict';
import { codaplay, parseJsonReport, taskResults } from '../helpers/cli.js';
import { labUp } from '../helpers/lab-cell.js';

const PLAYBOOK = 'playbooks/add-replica.yaml';

async function runOn(inventory: string, extra: string[] = []) {
  const r = await codaplay(['run', PLAYBOOK, '-i', inventory, '--json', ...extra]);
  const report = parseJsonReport(r.stdout);
  const verify = taskResults(report, /Check getvolinfo/).find((t) => t.host === 'scm');
  return { ...r, report, verify, text: String(verify?.data.report ?? verify?.reason ?? '') };
}

describe('add-replica verification on cells with no files, no clients, or a copy that did not happen', function () {
  this.timeout(240_000);

  // In the lab the root volume holds files too (unless --files 0), so the walk suggested is the realm's top.
  const cases: { name: string; lab: string[]; extra?: string[]; exit: number; expect: RegExp[]; absent?: RegExp[] }[] = [
    { name: 'empty volumes, no client (the real cell of the issue): exit 0 and the warning', lab: ['--volumes', '2', '--files', '0', '--clients', '0'], exit: 0,
      expect: [/vol01 .*empty \(nothing to copy\)/, /WARNING: no client in the inventory: the data copy to the new replicas was not driven \(no volume holds files/, /cfs checkvolumes/] },
    { name: 'empty volumes with a client: exit 0, nothing to copy, no warning', lab: ['--volumes', '2', '--files', '0'], exit: 0,
      expect: [/vol02 .*empty \(nothing to copy\)/, /cfs whereis on client1 names new1/], absent: [/WARNING/] },
    { name: 'volumes with files and no client: exit 0, server side proven, the warning names the volumes and the commands', lab: ['--volumes', '2', '--files', '3', '--clients', '0'], exit: 0,
      expect: [/vol01: replica \S+ on new1\.coda\.lab, VRList slot 1 of 2; getvolinfo on /, /not driven \(no client; 3 file\(s\) to copy\)/, /hold files that have not reached the new replicas yet: .*vol01 \(3 file\(s\)\)/, /cfs flushobject \/coda\/coda\.lab\n {4}ls -lR \/coda\/coda\.lab > \/dev\/null/] },
    { name: 'volumes with files whose copy was not driven although clients exist (--skip-tags clients): FAILED, exit 2', lab: ['--volumes', '1', '--files', '3'], extra: ['--skip-tags', 'clients'], exit: 2,
      expect: [/vol01: 3 file\(s\) on the existing replica \(FTREEDB of scm\.coda\.lab, replica \S+\) but 0 container\(s\) of \S+ in new1\.coda\.lab's FTREEDB: the data did not reach the new replica/] },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const cell = await labUp(c.lab);
      try {
        const r = await runOn(cell.inventory, c.extra);
        assert.equal(r.code, c.exit, `${r.text}\n${r.stderr.slice(-1500)}\n${JSON.stringify(r.report.stats)}`);
        for (const re of c.expect) assert.match(r.text, re);
        for (const re of c.absent ?? []) assert.doesNotMatch(r.text, re);
        if (c.exit !== 0) {
          // The same cell passes once the clients do copy the data: the failure was the copy, nothing else.
          const rerun = await runOn(cell.inventory);
          assert.equal(rerun.code, 0, rerun.text);
          assert.match(rerun.text, /vol01 .*copied \(3\/3 file\(s\)\)/);
        }
      } finally {
        await cell.down();
      }
    });
  }
});
