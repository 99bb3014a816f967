// --check is the plan (issue 8 item 1, DESIGN rule 12): on lab cells in many states, the per-host changed/ok
// counts and the changed task names of `--check` equal those of the run that follows.
//
// "A cell interrupted after each task" is reached by walking one cell a task at a time (a copy of the playbook
// whose tasks carry step tags, run with --tags step-N): at every state the full --check is compared with what the
// following one-task runs then do, task by task. The one-task runs, end to end, are the run that follows each
// state (a run is its tasks in order; each task's outcome depends only on the cell), and the walk costs one run
// per task instead of one full run per state. The lab's updateclnt is slowed down so that only codaplay changes
// the cell between the check and the run (updateclnt's own fetches are timing, which no plan can predict).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { codaplay, parseJsonReport, REPO, type JsonReport } from '../helpers/cli.js';
import { labUp, type LabCell } from '../helpers/lab-cell.js';

const PLAYBOOK = join(REPO, 'playbooks/add-replica.yaml');
const QUIET_UPDATECLNT = ['--update-interval', '3600'];

interface Row { host: string; task: string; status: string }

function rowsOf(report: JsonReport): Row[] {
  // Hosts of one task in name order: the report lists them in the order they finished.
  return report.plays.flatMap((p) => p.tasks.flatMap((t) => Object.entries(t.hosts).sort(([a], [b]) => a.localeCompare(b)).map(([host, r]) => ({ host, task: t.task.name, status: r.status }))));
}

/** What the issue compares: per host the changed and ok counts, and the changed tasks in order. */
function summary(rows: Row[]): { counts: Record<string, { changed: number; ok: number }>; changed: string[] } {
  const counts: Record<string, { changed: number; ok: number }> = {};
  for (const r of rows) {
    const c = (counts[r.host] ??= { changed: 0, ok: 0 });
    if (r.status === 'changed') c.changed++;
    if (r.status === 'ok') c.ok++;
  }
  return { counts, changed: rows.filter((r) => r.status === 'changed').map((r) => `${r.host}: ${r.task}`) };
}

async function run(cell: LabCell, playbook: string, extra: string[]): Promise<Row[]> {
  const r = await codaplay(['run', playbook, '-i', cell.inventory, '--json', ...extra]);
  let report: JsonReport;
  try {
    report = parseJsonReport(r.stdout);
  } catch {
    throw new Error(`no JSON report (exit ${r.code}):\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`);
  }
  assert.ok(r.code === 0, `codaplay ${extra.join(' ')} exited ${r.code}: ${JSON.stringify(rowsOf(report).filter((x) => x.status === 'failed'))}\n${r.stderr.slice(-1000)}`);
  return rowsOf(report);
}

function assertSame(check: Row[], actual: Row[], what: string): void {
  const diff = check.map((c, i) => (actual[i] && c.status === actual[i]!.status && c.task === actual[i]!.task ? '' : `${c.host} ${c.task}: check ${c.status}, run ${actual[i]?.status ?? '(none)'}`)).filter(Boolean);
  assert.deepEqual(summary(check), summary(actual), `${what}:\n${diff.join('\n')}`);
}

interface PlaybookTask { name: string; tags?: string[]; block?: PlaybookTask[]; rescue?: PlaybookTask[]; always?: PlaybookTask[] }

/**
 * The playbook with a step tag on every task that acts (blocks are walked; the always-tagged preflight and lock
 * tasks run in every step; the bare-host setup shares the first step with the servers entry; the verify block is
 * one step). Returns its path and the step of each task name.
 */
function steppedPlaybook(dir: string): { path: string; stepOf: Map<string, number>; steps: number } {
  const plays = yaml.load(readFileSync(PLAYBOOK, 'utf8')) as { tags?: string[]; tasks: PlaybookTask[] }[];
  const stepOf = new Map<string, number>();
  let step = 0;
  let inVerify = false;
  const walk = (tasks: PlaybookTask[] | undefined, inherited: string[]): void => {
    for (const task of tasks ?? []) {
      const tags = [...inherited, ...(task.tags ?? [])];
      if (task.block || task.rescue || task.always) {
        walk(task.block, tags);
        walk(task.rescue, tags);
        walk(task.always, tags);
        continue;
      }
      if (tags.includes('always')) continue;
      const verify = tags.includes('verify');
      if (!tags.includes('setup') && !(verify && inVerify)) step++;
      inVerify = verify;
      const s = tags.includes('setup') ? step + 1 : step;
      stepOf.set(task.name, s);
      task.tags = [...(task.tags ?? []), `step-${s}`];
    }
  };
  for (const play of plays) if (!(play.tags ?? []).includes('always')) walk(play.tasks, play.tags ?? []);
  const path = join(dir, 'add-replica-steps.yaml');
  writeFileSync(path, yaml.dump(plays));
  return { path, stepOf, steps: step };
}

describe('--check predicts the run that follows (lab cells, per-host counts and changed tasks)', function () {
  this.timeout(900_000);

  it('a fresh cell, then the cell interrupted after each task, up to the finished cell', async () => {
    const cell = await labUp(['--volumes', '2', '--files', '3', ...QUIET_UPDATECLNT]);
    try {
      const { path, stepOf, steps } = steppedPlaybook(cell.dir);
      const always = (r: Row): boolean => !stepOf.has(r.task);
      const checks: Row[][] = [];
      const stepRuns: Row[][] = [];
      for (let done = 0; done < steps; done++) {
        checks[done] = await run(cell, PLAYBOOK, ['--check']);
        stepRuns[done + 1] = await run(cell, path, ['--tags', `step-${done + 1}`]);
      }
      assertSame(await run(cell, PLAYBOOK, ['--check']), await run(cell, PLAYBOOK, []), 'the finished cell');
      for (let done = 0; done < steps; done++) {
        const predicted = checks[done]!.filter((r) => always(r) || stepOf.get(r.task)! > done);
        const following = [
          ...stepRuns[done + 1]!.filter(always),
          ...stepRuns.flatMap((rows, step) => (step > done ? rows.filter((r) => stepOf.get(r.task) === step) : [])),
        ];
        assertSame(predicted, following, `--check after ${done} of ${steps} task step(s)`);
      }
    } finally {
      await cell.down();
    }
  });

  it('at real-scale timing, --check never calls the codasrv of a new server that is not started', async () => {
    const cell = await labUp(['--time-factor', '1', '--volumes', '1', '--files', '2', ...QUIET_UPDATECLNT]);
    try {
      const r = await codaplay(['run', PLAYBOOK, '-i', cell.inventory, '--check', '--json']);
      assert.equal(r.code, 0, r.stderr.slice(-2000));
      const report = parseJsonReport(r.stdout);
      const ran = report.plays.flatMap((p) => p.tasks.flatMap((t) => Object.values(t.hosts).flatMap((h) => (h.commands as { command: string; planned?: boolean }[]).filter((c) => !c.planned))));
      assert.ok(ran.length > 0);
      const callsNew = ran.filter((c) => /(?:-h |getvolinfo |rpc2ping )'?new1\.coda\.lab/.test(c.command));
      assert.deepEqual(callsNew.map((c) => c.command), []);
      assert.ok(rowsOf(report).some((x) => x.task === 'Start codasrv on the new server' && x.status === 'changed'));
    } finally {
      await cell.down();
    }
  });

  const whole: { name: string; lab: string[]; rerun?: boolean }[] = [
    { name: 'a bare new server (vice-setup runs)', lab: ['--bare-new-server', '--volumes', '2', '--files', '2'] },
    // The finished cell is the walk's last state; CI time is spent on the big cell's first run only.
    { name: '2 new servers × 20 volumes × 2 clients', lab: ['--new-servers', '2', '--clients', '2', '--volumes', '20', '--files', '2'] },
  ];
  for (const row of whole) {
    it(row.name, async () => {
      const cell = await labUp([...row.lab, ...QUIET_UPDATECLNT]);
      try {
        assertSame(await run(cell, PLAYBOOK, ['--check']), await run(cell, PLAYBOOK, []), row.name);
        if (row.rerun) assertSame(await run(cell, PLAYBOOK, ['--check']), await run(cell, PLAYBOOK, []), `${row.name}: finished`);
      } finally {
        await cell.down();
      }
    });
  }
});
