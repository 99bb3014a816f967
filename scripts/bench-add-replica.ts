// Benchmark section of `npm run bench`: add-replica on lab cells of 1, 20 and 100 volumes. Splits each run's
// wall time between the Coda commands themselves (the time during which at least one remote command was
// running, from the commands' start times and durations) and codaplay's own share (everything else: process
// start, loading, connecting, planning, templating). Prints; asserts nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(fileURLToPath(import.meta.url), '../../..');
const cli = join(repo, 'dist/src/cli/main.js');

interface Report {
  plays: { tasks: { task: { name: string }; hosts: Record<string, { durationMs: number; commands: { durationMs: number; startedAt?: number }[] }> }[] }[];
  stats: Record<string, { changed: number }>;
}

function codaplay(args: string[]): { code: number; stdout: string; ms: number } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: repo, encoding: 'utf8', env: { ...process.env, CI: 'true' }, maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status ?? 250, stdout: r.stdout, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
}

/** Time during which at least one remote command was running (the union of all command intervals). */
export function codaCommandMs(report: Report): number {
  const spans = report.plays.flatMap((p) => p.tasks.flatMap((t) => Object.values(t.hosts).flatMap((h) => h.commands)))
    .filter((c) => c.startedAt !== undefined).map((c) => [c.startedAt!, c.startedAt! + c.durationMs] as const).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -Infinity;
  for (const [s, e] of spans) {
    if (e <= end) continue;
    total += e - Math.max(s, end);
    end = e;
  }
  return total;
}

export async function benchAddReplica(volumeCounts = [1, 20, 100]): Promise<void> {
  console.log('\nadd-replica on the lab (1 SCM, 1 new server, 1 client; files per volume: 2)');
  console.log('volumes  wall s  coda cmds s  codaplay s  codaplay share  s/volume  rerun s (changed)');
  for (const n of volumeCounts) {
    const dir = mkdtempSync('/tmp/cpb-');
    try {
      const up = codaplay(['lab', 'up', '--dir', dir, '--volumes', String(n), '--files', '2', '--time-factor', '0.02']);
      if (up.code !== 0) {
        console.log(`${String(n).padStart(7)}  lab up failed (exit ${up.code})`);
        continue;
      }
      const run = codaplay(['run', 'playbooks/add-replica.yaml', '-i', join(dir, 'inventory.yaml'), '--json']);
      const report = JSON.parse(run.stdout) as Report;
      const coda = codaCommandMs(report);
      const own = run.ms - coda;
      const rerun = codaplay(['run', 'playbooks/add-replica.yaml', '-i', join(dir, 'inventory.yaml'), '--json']);
      const changed = Object.values((JSON.parse(rerun.stdout) as Report).stats).reduce((s, h) => s + h.changed, 0);
      console.log(`${String(n).padStart(7)}  ${(run.ms / 1000).toFixed(2).padStart(6)}  ${(coda / 1000).toFixed(2).padStart(11)}  ${(own / 1000).toFixed(2).padStart(10)}  ${((100 * own) / run.ms).toFixed(1).padStart(13)}%  ${(run.ms / 1000 / n).toFixed(3).padStart(8)}  ${(rerun.ms / 1000).toFixed(2).padStart(7)} (${changed})${run.code ? `  exit ${run.code}` : ''}`);
    } finally {
      codaplay(['lab', 'down', '--dir', dir]);
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

/**
 * --check against the run that follows, at real-scale timing (`--time-factor 1`: a call to a server that does not
 * answer takes what it takes on real Coda) on a cell whose new server is not started yet: the check must not wait
 * on it (issue 8 item 2), so its wall time should be no more than the run's.
 */
export async function benchCheckVsRun(volumes = 1): Promise<void> {
  console.log(`\n--check vs the run, --time-factor 1 (real-scale waits), new server not started, ${volumes} volume(s)`);
  const dir = mkdtempSync('/tmp/cpb-');
  try {
    const up = codaplay(['lab', 'up', '--dir', dir, '--volumes', String(volumes), '--files', '2', '--time-factor', '1']);
    if (up.code !== 0) {
      console.log(`lab up failed (exit ${up.code})`);
      return;
    }
    const inventory = join(dir, 'inventory.yaml');
    const check = codaplay(['run', 'playbooks/add-replica.yaml', '-i', inventory, '--check', '--json']);
    const run = codaplay(['run', 'playbooks/add-replica.yaml', '-i', inventory, '--json']);
    const changed = (out: string): number => Object.values((JSON.parse(out) as Report).stats).reduce((s, h) => s + h.changed, 0);
    console.log('         wall s  changed');
    console.log(`--check  ${(check.ms / 1000).toFixed(2).padStart(6)}  ${String(changed(check.stdout)).padStart(7)}${check.code ? `  exit ${check.code}` : ''}`);
    console.log(`run      ${(run.ms / 1000).toFixed(2).padStart(6)}  ${String(changed(run.stdout)).padStart(7)}${run.code ? `  exit ${run.code}` : ''}`);
    console.log(`check / run: ${(check.ms / run.ms).toFixed(2)}`);
  } finally {
    codaplay(['lab', 'down', '--dir', dir]);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const counts = process.argv.slice(2).map(Number).filter((n) => n > 0);
  void benchAddReplica(counts.length ? counts : undefined).then(() => benchCheckVsRun());
}
