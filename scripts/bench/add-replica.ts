// Benchmark section of `npm run bench`: add-replica on lab cells at real-scale timing (--time-factor 1), per size:
// wall time of the codaplay run, the sum of Coda command time, the critical path (critical-path.ts: the shortest
// the Coda commands the job needs could take, given what must follow what), codaplay's own share (wall minus the
// time during which some Coda command ran) and wall ÷ critical path; then the rerun (changed must be 0). Coda
// command times come from the lab's own call log, not from codaplay's records. Prints; asserts nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { callsBetween, codaTime, type LabCall } from './critical-path.js';

const repo = resolve(fileURLToPath(import.meta.url), '../../../..');
const labCli = join(repo, 'dist/src/cli/main.js');
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

function codaplay(args: string[], which = cli): { code: number; stdout: string; ms: number; from: number; to: number } {
  const from = Date.now();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [which, ...args], { cwd: which === cli ? cliRoot : repo, encoding: 'utf8', env: { ...process.env, CI: 'true' }, maxBuffer: 512 * 1024 * 1024 });
  return { code: r.status ?? 250, stdout: r.stdout, ms: Number(process.hrtime.bigint() - t0) / 1e6, from, to: Date.now() };
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

export function benchCell(size: CellSize, timeFactor: number, playbook = 'playbooks/add-replica.yaml'): string {
  const dir = mkdtempSync('/tmp/cpb-');
  const label = `${String(size.volumes).padStart(5)} vol ${size.newServers} new ${String(size.clients).padStart(2)} cl`;
  try {
    const up = codaplay(['lab', 'up', '--dir', dir, '--volumes', String(size.volumes), '--new-servers', String(size.newServers), '--clients', String(size.clients), '--files', '2', '--time-factor', String(timeFactor)], labCli);
    if (up.code !== 0) return `${label}  lab up failed (exit ${up.code})`;
    const inventory = join(dir, 'inventory.yaml');
    const check = codaplay(['run', playbook, '-i', inventory, '--check', '--json']);
    const run = codaplay(['run', playbook, '-i', inventory, '--json']);
    const { calls, daemons } = callsBetween(labCalls(dir), run.from, run.to);
    const coda = codaTime(calls, daemons);
    const own = run.ms - coda.unionMs;
    const rerun = codaplay(['run', playbook, '-i', inventory, '--json']);
    const stages = coda.stages.filter((x) => x.ms > 0).map((x) => `${x.stage} ${s(x.ms)}`).join(', ');
    return `${label}  ${s(check.ms).padStart(6)}  ${s(run.ms).padStart(6)}  ${s(coda.sumMs).padStart(7)}  ${s(coda.criticalMs).padStart(7)}  ${s(own).padStart(6)} ${((100 * own) / run.ms).toFixed(1).padStart(5)}%  ${(run.ms / coda.criticalMs).toFixed(2).padStart(5)}×  ${s(rerun.ms).padStart(6)} (${changedOf(rerun.stdout)})${run.code ? `  exit ${run.code}` : ''}${check.code ? `  check exit ${check.code}` : ''}\n      critical path: ${stages}${run.code ? `\n      failed: ${firstFailure(run.stdout)}` : ''}`;
  } finally {
    codaplay(['lab', 'down', '--dir', dir], labCli);
    rmSync(dir, { recursive: true, force: true });
  }
}

export const FULL_MATRIX: CellSize[] = [1, 20, 100].flatMap((volumes) => [1, 3].flatMap((newServers) => [1, 10].map((clients) => ({ volumes, newServers, clients }))));
export const QUICK_MATRIX: CellSize[] = [{ volumes: 1, newServers: 1, clients: 1 }, { volumes: 20, newServers: 1, clients: 1 }];

export function benchAddReplica(sizes: CellSize[] = FULL_MATRIX, timeFactor = 1): void {
  console.log(`\nadd-replica on the lab at --time-factor ${timeFactor} (1 SCM, files per volume: 2); times in s${cliArg ? `; build: ${cli}` : ''}`);
  console.log('cell                    check     run  Σ coda  critical  codaplay share  wall/cp   rerun (changed)');
  for (const size of sizes) console.log(benchCell(size, timeFactor));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const sizes = arg('sizes')?.split(',').map((t) => {
    const [volumes, newServers, clients] = t.split('x').map(Number);
    return { volumes: volumes ?? 1, newServers: newServers ?? 1, clients: clients ?? 1 };
  });
  benchAddReplica(sizes ?? (process.argv.includes('--quick') ? QUICK_MATRIX : FULL_MATRIX), Number(arg('time-factor') ?? 1));
}
