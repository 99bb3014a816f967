// What a parser found wrong, with the 1-based line number Coda itself would report, and the result shape of
// edits and output readers: data or a reason, never an exception (callers turn reasons into task failures).

export interface ParseIssue {
  line: number;
  severity: 'error' | 'warning';
  message: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string; line?: number };

export function ok<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

export function fail<T>(error: string, line?: number): Outcome<T> {
  return line === undefined ? { ok: false, error } : { ok: false, error, line };
}

/** Result of an edit: the new document, whether anything changed, and a sentence saying what or why not. */
export interface Edit<D> {
  doc: D;
  changed: boolean;
  reason: string;
}

export function errorsOf(issues: readonly ParseIssue[]): ParseIssue[] {
  return issues.filter((i) => i.severity === 'error');
}

export function formatIssue(file: string, issue: ParseIssue): string {
  return `${file}:${issue.line}: ${issue.severity}: ${issue.message}`;
}
