// A user's file is wrong: every problem names the file, the line and what was expected, so the message points
// at the user's YAML and not at our stack. All problems are collected before anything connects.

export interface ConfigIssue {
  file: string;
  line: number;
  /** 1-based column, when the problem is at one character (a YAML syntax error). */
  column?: number;
  message: string;
}

export function formatIssue(i: ConfigIssue): string {
  return `${i.file}:${i.line}${i.column ? `:${i.column}` : ''}: ${i.message}`;
}

export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'ConfigError';
  }
}
