// Exit statuses in words, for error messages (zx's table in spirit).
export function exitMeaning(code: number | null, signal: string | null): string {
  if (code === null) return `killed by signal ${signal ?? '?'}`;
  const known: Record<number, string> = {
    1: 'general error', 2: 'misuse or serious trouble (e.g. ls could not access an argument)', 124: 'timed out',
    126: 'found but not executable', 127: 'command not found (is it on PATH on that host?)', 130: 'interrupted (SIGINT)',
    137: 'killed (SIGKILL)', 143: 'terminated (SIGTERM)', 255: 'failure (Coda tools up to 6.10 exit 255; ssh exits 255 on connection errors)',
  };
  return `exit ${code}${known[code] ? `: ${known[code]}` : ''}`;
}
