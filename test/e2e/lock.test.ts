// The SCM lock is released whatever ends a run that took it: success, a later task failing, --skip-tags,
// --tags, --start-at-task, Ctrl-C. Each run is checked on the SCM's own disk (<vicedir>/codaplay/lock), and
// each case also proves the lock was really taken by that run, so a run that never locked cannot pass.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { codaplay, codaplayProcess, parseJsonReport, taskResults } from '../helpers/cli.js';
import { labUp, type LabCell } from '../helpers/lab-cell.js';

const PLAYBOOK = 'playbooks/add-replica.yaml';

describe('add-replica: the SCM lock is always released once taken (real sshd, simulated cell)', function () {
  this.timeout(240_000);
  let cell: LabCell;
  before(async () => { cell = await labUp(['--volumes', '1', '--files', '2']); });
  after(async () => { await cell?.down(); });

  const lockFile = () => join(cell.dir, 'scm', 'vice', 'codaplay', 'lock');
  const run = async (extra: string[]) => {
    const r = await codaplay(['run', PLAYBOOK, '-i', cell.inventory, '--json', ...extra]);
    return { ...r, report: parseJsonReport(r.stdout) };
  };
  const statusOn = (report: ReturnType<typeof parseJsonReport>, task: RegExp) => taskResults(report, task).find((t) => t.host === 'scm');

  // In order on one cell: the failing run first (the replica is not made yet), the rest on the finished cell.
  const cases: { name: string; extra: string[]; setup?: () => Promise<void>; undo?: () => Promise<void>; exit: number; taken: boolean }[] = [
    { name: 'a later task failing (create_rep on the new server)', extra: [], setup: () => cell.fault('new1', 'createRepFails=true'), undo: () => cell.clearFaults('new1'), exit: 2, taken: true },
    { name: 'success', extra: [], exit: 0, taken: true },
    { name: '--skip-tags verify', extra: ['--skip-tags', 'verify'], exit: 0, taken: true },
    { name: '--tags verify', extra: ['--tags', 'verify'], exit: 0, taken: true },
    { name: '--start-at-task inside the job (past the take)', extra: ['--start-at-task', 'Rebuild the VRDB from VRList'], exit: 0, taken: false },
    { name: '--start-at-task naming the release itself', extra: ['--start-at-task', 'Release the SCM lock'], exit: 0, taken: false },
  ];
  for (const c of cases) {
    it(`is gone after ${c.name}`, async () => {
      await c.setup?.();
      try {
        const r = await run(c.extra);
        assert.equal(r.code, c.exit, `${r.stderr}\n${JSON.stringify(r.report.stats)}`);
        if (c.taken) assert.match(String(statusOn(r.report, /Take the SCM lock/)?.reason), /took the lock/);
        const release = statusOn(r.report, /Release the SCM lock/);
        assert.equal(release?.status, 'ok');
        assert.match(release!.reason, c.taken ? /released/ : /released|no lock/);
        assert.equal(existsSync(lockFile()), false, 'no lock file left on the SCM');
      } finally {
        await c.undo?.();
      }
    });
  }

  it('is gone after Ctrl-C mid-run: nothing new starts but the release; exit 99', async () => {
    // A fresh cell, so the run has real work in progress when it is interrupted.
    const fresh = await labUp(['--volumes', '1', '--files', '2']);
    try {
      const child = codaplayProcess(['run', PLAYBOOK, '-i', fresh.inventory]);
      let seen = '';
      await new Promise<void>((resolve) => {
        child.stdout?.on('data', (d: Buffer) => {
          seen += d.toString();
          if (/TASK \[Put the new replica ids into VRList/.test(seen)) resolve();
        });
        void child.then(() => resolve());
      });
      child.kill('SIGINT');
      const r = await child;
      const out = String(r.stdout);
      assert.equal(r.exitCode, 99, `${out.slice(-2000)}\n${String(r.stderr)}`);
      assert.match(out, /TASK \[Release the SCM lock\][^]*ok: \[scm\] released/);
      assert.doesNotMatch(out.slice(out.indexOf('TASK [Put the new replica ids')), /TASK \[Rebuild the VLDB/, 'no new task of the job started after Ctrl-C');
      assert.equal(existsSync(join(fresh.dir, 'scm', 'vice', 'codaplay', 'lock')), false);
    } finally {
      await fresh.down();
    }
  });
});
