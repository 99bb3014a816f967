// One result as ansible prints it: `ok: [h1] reason`, `fatal: [h1]: FAILED! => message`.
import type { TaskResult } from '../engine/result.js';
import { maskSecrets } from '../util/mask.js';
import { capLines } from './summarise.js';

export function errorText(r: TaskResult): string {
  const e = r.error;
  if (!e) return r.reason;
  const parts = [e.message];
  if (e.command && !e.message.includes(e.command)) parts.push(`command: ${e.command}`);
  if (e.exitMeaning) parts.push(e.exitMeaning);
  if (e.stderrTail) parts.push(`stderr: ${e.stderrTail}`);
  const where = e.location && !e.message.includes(e.location) ? `task at ${e.location}, ` : '';
  parts.push(`${where}module ${r.module}`);
  if (e.hint) parts.push(`hint: ${e.hint}`);
  return parts.join('\n  ');
}

/** The result as one (possibly multi-line) entry; a very long text is cut (summarise.ts), --json keeps it whole. */
export function resultLine(r: TaskResult, secrets: readonly string[] = []): string {
  const m = (s: string) => capLines(maskSecrets(s, secrets));
  switch (r.status) {
    case 'ok': return `ok: [${r.host}] ${m(r.reason)}`;
    case 'changed': return `changed: [${r.host}] ${m(r.reason)}`;
    case 'skipped': return `skipping: [${r.host}] ${m(r.reason)}`;
    case 'unreachable': return `fatal: [${r.host}]: UNREACHABLE! => ${m(errorText(r))}`;
    case 'failed': return `fatal: [${r.host}]: FAILED! => ${m(errorText(r))}${r.ignored ? '\n...ignoring' : ''}`;
  }
}
