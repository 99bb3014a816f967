// Errors carry context (DESIGN rule 8): which host, task, module, command, what the exit code means, the stderr
// tail and the playbook file:line. Also decides whether an exception means *unreachable* rather than *failed*.
import { TransportError } from '../transport/transport.js';
import type { SourceLocation } from '../playbook/types.js';
import type { ErrorInfo } from './result.js';

const EXIT_MEANINGS: Record<number, string> = {
  1: 'general error',
  2: 'misuse of a shell builtin or bad arguments',
  124: 'timed out (timeout(1))',
  126: 'command found but not executable',
  127: 'command not found',
  128: 'invalid exit argument',
  130: 'interrupted (SIGINT)',
  137: 'killed (SIGKILL)',
  143: 'terminated (SIGTERM)',
  255: 'ssh or remote tool error',
};

export function describeExit(code: number | null, signal?: string | null): string {
  if (code === null) return `killed by signal ${signal ?? 'unknown'}`;
  const meaning = EXIT_MEANINGS[code] ?? (code > 128 && code < 160 ? `killed by signal ${code - 128}` : undefined);
  return meaning ? `exit ${code}: ${meaning}` : `exit ${code}`;
}

export function formatLocation(loc: SourceLocation | undefined): string {
  return loc ? `${loc.file}:${loc.line}` : '';
}

/** A lost or never-made connection: the host is unreachable, not failed. */
export function isUnreachable(err: unknown): err is TransportError {
  if (!(err instanceof TransportError)) return false;
  if (err.phase === 'connect' || err.phase === 'auth' || err.phase === 'hostkey') return true;
  // A connection that dies under a running command shows up as an exec/sftp error naming the lost link.
  return (err.phase === 'exec' || err.phase === 'sftp') && /not connected|connection (lost|closed|reset)|ECONNRESET|socket|No response|closed/i.test(err.message);
}

export function errorInfoFrom(err: unknown, location?: SourceLocation): ErrorInfo {
  const loc = formatLocation(location) || undefined;
  if (err instanceof TransportError) {
    return { message: `${err.phase}: ${err.message}`, hint: err.hint, location: loc };
  }
  if (err instanceof Error) return { message: err.message, location: loc };
  return { message: String(err), location: loc };
}

/** Last lines of a stream, for messages that must stay readable. */
export function tailOf(text: string | undefined, lines = 5): string | undefined {
  if (!text) return undefined;
  const t = text.trimEnd().split('\n').slice(-lines).join('\n');
  return t || undefined;
}
