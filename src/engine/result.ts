// One result shape for every task on every host (DESIGN rule 2). Failures are results, not exceptions.

export type TaskStatus = 'ok' | 'changed' | 'failed' | 'skipped' | 'unreachable';

/** A command a module ran (or, in check mode, would run), already masked of secrets. */
export interface CommandRecord {
  command: string;
  code: number | null;
  durationMs: number;
  /** Epoch ms when it started (lets a report tell remote time from codaplay's own). */
  startedAt?: number;
  /** Present only when the command was actually run. */
  stdoutTail?: string;
  stderrTail?: string;
  planned?: boolean;
}

/** A file edit, for --diff and for the JSON report. `before`/`after` are full texts (masked). */
export interface FileDiff {
  path: string;
  before: string;
  after: string;
  backupPath?: string;
  /** Said in the diff header, e.g. which values in `after` are predicted (check mode). */
  note?: string;
}

export interface ErrorInfo {
  message: string;
  /** e.g. "exit 255: volutil failure (Coda <= 6.10)" */
  exitMeaning?: string;
  command?: string;
  stderrTail?: string;
  /** playbook file:line of the task */
  location?: string;
  hint?: string;
}

export interface TaskResult {
  host: string;
  task: string;
  module: string;
  status: TaskStatus;
  /** Why: "line exists in /vice/db/servers", "would add scm2 3", "skipped: when was false". Never empty. */
  reason: string;
  diff: FileDiff[];
  commands: CommandRecord[];
  durationMs: number;
  error?: ErrorInfo;
  /** Values a task exposes to `register` (stdout, rc, facts …). */
  data: Record<string, unknown>;
  /** A failure that `ignore_errors` let pass: counted as ok + ignored, the host stays in the run. */
  ignored?: boolean;
}

export interface HostStats {
  ok: number;
  changed: number;
  unreachable: number;
  failed: number;
  skipped: number;
  /** Ansible counts these too; kept for the JSON report. */
  ignored: number;
  rescued: number;
}

export function emptyStats(): HostStats {
  return { ok: 0, changed: 0, unreachable: 0, failed: 0, skipped: 0, ignored: 0, rescued: 0 };
}
