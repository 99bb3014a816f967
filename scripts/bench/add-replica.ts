// Benchmark section of `npm run bench`: add-replica on lab cells at real-scale timing (--time-factor 1), per size:
// wall time of the codaplay run, the sum of Coda command time, the critical path (critical-path.ts: the shortest
// the Coda commands the job needs could take, given what must follow what), codaplay's own share (wall minus the
// time during which some Coda command ran) and wall ÷ critical path; then the rerun (changed must be 0). Coda
// command times come from the lab's own call log, not from codaplay's records. Per row also the run's wall ÷ volumes
// and ÷ clients and the codaplay process's peak RSS (run and rerun, peak-rss.ts); after the rows, whether the time
// per volume and per client stays flat across the sizes (flatness.ts). Prints; asserts nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { callsBetween, codaTime, type LabCall } from './critical-path.js';
import { flatnessLines, type BenchRow } from './flatness.js';

const repo = resolve(fileURLToPath(import.meta.url), '../../../..');
const labCli = join(repo, 'dist/src/cli/main.js');
const peakRss = join(repo, 'dist/scripts/bench/peak-rss.js');
// --cli=<another build's dist/src/cli/main.js> runs that build's codaplay (and its playbook) for --check, the run
// and the rerun, on cells this build's lab makes: the before/after of a change to codaplay on the same lab.
const cliArg = process.argv.find((a) => a.startsWith('--cli='))?.slice('--cli='.length);
const cli = cliArg ? resolve(cliArg) : labCli;
const cliRoot = resolve(cli, '../../../..');

export interface CellSize {
  volumes: number;
  newServers: number;
  clients: number;
}

interface RunReport {
  stats: Record<string, { changed: number; failed: number; unreachable: number }>;
  plays: { tasks: { task: { name: string }; hosts: Record<string, { status: string; reason: string }> }[] }[];
}

/** The first failed task of a run, in a line, so a bench table row that failed says why. */
function firstFailure(stdout: string): string {
  try {
    for (const p of (JSON.parse(stdout) as RunReport).plays) for (const t of p.tasks) for (const [host, r] of Object.entries(t.hosts)) {
      if (r.status === 'failed' || r.status === 'unreachable') return `${t.task.name} on ${host}: ${r.reason.split('\n').slice(0, 3).join(' / ')}`;
    }
  } catch { /* no report */ }
  return 'no JSON report';
}

function codaplay(args: string[], which = cli): { code: number; stdout: string; ms: number; from: number; to: number; rssKb: number | null } {
  const from = Date.now();
  const t0 = process.hrtime.bigint();
  const rssFile = join(mkdtempSync('/tmp/cpb-rss-'), 'kb');
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(peakRss).href, which, ...args], { cwd: which === cli ? cliRoot : repo, encoding: 'utf8', env: { ...process.env, CI: 'true', CODAPLAY_PEAK_RSS_FILE: rssFile }, maxBuffer: 512 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const rssKb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : null;
  rmSync(dirname(rssFile), { recursive: true, force: true });
  return { code: r.status ?? 250, stdout: r.stdout, ms, from, to: Date.now(), rssKb };
}

function labCalls(dir: string): LabCall[] {
  const file = join(dir, 'calls.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as LabCall);
}

const changedOf = (stdout: string): number => {
  try {
    return Object.values((JSON.parse(stdout) as RunReport).stats).reduce((s, h) => s + h.changed, 0);
  } catch {
    return NaN;
  }
};
const s = (ms: number): string => (ms / 1000).toFixed(2);

const mb = (kb: number | null): string => (kb === null ? '?' : (kb / 1024).toFixed(0));

/**
 * The lab's tool service must not make a burst of calls wait for new Node workers (real Coda's tools are small C
 * programs): as many warm workers as codaplay runs calls at once, 8 exec channels on each server, plus spares.
 */
function toolWorkersFor(size: CellSize): number {
  return 8 * (1 + size.newServers) + 2;
}

/** Until the tool service's warm workers have started (they start one after another after `lab up`), at most 60 s. */
function waitForWarmWorkers(dir: string, want: number): void {
  const pid = readFileSync(join(dir, 'svc', 'toolsvc.pid'), 'utf8').trim();
  for (const until = Date.now() + 60_000; Date.now() < until;) {
    const r = spawnSync('pgrep', ['-c', '-P', pid], { encoding: 'utf8' });
    if (Number(r.stdout.trim()) >= want) return;
    spawnSync('sleep', ['0.2']);
  }
}

export function benchCell(size: CellSize, timeFactor: number, playbook = 'playbooks/add-replica.yaml'): string {
  return benchCellRow(size, timeFactor, playbook).line;
}

export function benchCellRow(size: CellSize, timeFactor: number, playbook = 'playbooks/add-replica.yaml'): BenchRow & { line: string } {
  const dir = mkdtempSync('/tmp/cpb-');
  const label = `${String(size.volumes).padStart(5)} vol ${size.newServers} new ${String(size.clients).padStart(2)} cl`;
  try {
    const workers = toolWorkersFor(size);
    const up = codaplay(['lab', 'up', '--dir', dir, '--volumes', String(size.volumes), '--new-servers', String(size.newServers), '--clients', String(size.clients), '--files', '2', '--time-factor', String(timeFactor), '--tool-workers', String(workers)], labCli);
    if (up.code !== 0) return { size, runMs: 0, ok: false, line: `${label}  lab up failed (exit ${up.code})` };
    waitForWarmWorkers(dir, workers);
    const inventory = join(dir, 'inventory.yaml');
    const check = codaplay(['run', playbook, '-i', inventory, '--check', '--json']);
    const run = codaplay(['run', playbook, '-i', inventory, '--json']);
    const { calls, daemons } = callsBetween(labCalls(dir), run.from, run.to);
    const coda = codaTime(calls, daemons);
    const queuedMs = calls.reduce((sum, c) => sum + (c.queuedMs ?? 0), 0);
    const own = run.ms - coda.unionMs;
    const rerun = codaplay(['run', playbook, '-i', inventory, '--json']);
    const stages = coda.stages.filter((x) => x.ms > 0).map((x) => `${x.stage} ${s(x.ms)}`).join(', ');
    const perVol = run.ms / size.volumes / 1000;
    const perCl = run.ms / size.clients / 1000;
    const line = `${label}  ${s(check.ms).padStart(6)}  ${s(run.ms).padStart(6)}  ${s(coda.sumMs).padStart(7)}  ${s(coda.criticalMs).padStart(7)}  ${s(own).padStart(6)} ${((100 * own) / run.ms).toFixed(1).padStart(5)}%  ${(run.ms / coda.criticalMs).toFixed(2).padStart(5)}×  ${s(rerun.ms).padStart(6)} (${changedOf(rerun.stdout)})  ${perVol.toFixed(3).padStart(7)}  ${perCl.toFixed(2).padStart(7)}  ${mb(run.rssKb).padStart(4)}/${mb(rerun.rssKb).padStart(4)}${run.code ? `  exit ${run.code}` : ''}${check.code ? `  check exit ${check.code}` : ''}\n      critical path: ${stages}; lab queue Σ ${s(queuedMs)}${run.code ? `\n      failed: ${firstFailure(run.stdout)}` : ''}`;
    return { size, runMs: run.ms, ok: run.code === 0, line };
  } finally {
    codaplay(['lab', 'down', '--dir', dir], labCli);
    rmSync(dir, { recursive: true, force: true });
  }
}

export const FULL_MATRIX: CellSize[] = [1, 20, 100].flatMap((volumes) => [1, 3].flatMap((newServers) => [1, 10].map((clients) => ({ volumes, newServers, clients }))));
export const QUICK_MATRIX: CellSize[] = [{ volumes: 1, newServers: 1, clients: 1 }, { volumes: 20, newServers: 1, clients: 1 }];

export function benchAddReplica(sizes: CellSize[] = FULL_MATRIX, timeFactor = 1): void {
  console.log(`\nadd-replica on the lab at --time-factor ${timeFactor} (1 SCM, files per volume: 2); times in s${cliArg ? `; build: ${cli}` : ''}`);
  console.log('cell                    check     run  Σ coda  critical  codaplay share  wall/cp   rerun (changed)  s/vol  s/client  peak MB run/rerun');
  const rows: BenchRow[] = [];
  for (const size of sizes) {
    const row = benchCellRow(size, timeFactor);
    rows.push(row);
    console.log(row.line);
  }
  // s/vol and s/client are the run's wall ÷ volumes and ÷ clients; the lines below compare them across sizes.
  for (const l of flatnessLines(rows)) console.log(l);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const sizes = arg('sizes')?.split(',').map((t) => {
    const [volumes, newServers, clients] = t.split('x').map(Number);
    return { volumes: volumes ?? 1, newServers: newServers ?? 1, clients: clients ?? 1 };
  });
  benchAddReplica(sizes ?? (process.argv.includes('--quick') ? QUICK_MATRIX : FULL_MATRIX), Number(arg('time-factor') ?? 1));
}
