// Runs the real codaplay CLI (compiled) as a user would, for end-to-end tests.
import { execa, type ResultPromise } from 'execa';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(fileURLToPath(import.meta.url), '../../..');
const CLI = join(REPO, 'dist/src/cli/main.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function codaplay(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const r = await execa(process.execPath, [CLI, ...args], { cwd: REPO, reject: false, env: { CI: 'true', ...env }, stripFinalNewline: false });
  return { code: r.exitCode ?? 250, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** Start the CLI without waiting, to interrupt it mid-run. */
export function codaplayProcess(args: string[]): ResultPromise {
  return execa(process.execPath, [CLI, ...args], { cwd: REPO, reject: false, env: { CI: 'true' } });
}

export interface JsonReport {
  plays: { play: { name: string }; tasks: { task: { name: string }; hosts: Record<string, { status: string; reason: string; data: Record<string, unknown>; commands: { command: string }[] }> }[] }[];
  stats: Record<string, { ok: number; changed: number; unreachable: number; failed: number; skipped: number }>;
}

export function parseJsonReport(stdout: string): JsonReport {
  return JSON.parse(stdout) as JsonReport;
}

export function totalChanged(report: JsonReport): number {
  return Object.values(report.stats).reduce((n, s) => n + s.changed, 0);
}

/** Results of the tasks whose name matches, per host (only `host`'s when given: the job is one play over every
 * host, so a task is also reported, skipped by its `when`, on the hosts it is not for). */
export function taskResults(report: JsonReport, taskName: RegExp, host?: string): { host: string; status: string; reason: string; data: Record<string, unknown>; commands: { command: string }[] }[] {
  return report.plays.flatMap((p) => p.tasks).filter((t) => taskName.test(t.task.name))
    .flatMap((t) => Object.entries(t.hosts).map(([h, r]) => ({ host: h, ...r }))).filter((r) => host === undefined || r.host === host);
}
