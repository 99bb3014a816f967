// A user's file is wrong: every problem names the file, the line and what was expected, so the message points
// at the user's YAML and not at our stack. All problems are collected before anything connects.

export interface ConfigIssue {
  file: string;
  line: number;
  message: string;
}

export function formatIssue(i: ConfigIssue): string {
  return `${i.file}:${i.line}: ${i.message}`;
}

export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'ConfigError';
  }
}
