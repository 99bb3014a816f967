// Every value that reaches a remote shell goes through here (DESIGN rule 6). POSIX single quotes make any
// byte literal except the single quote itself, which is closed, escaped and reopened: 'it'\''s'.

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Quote one argument for a POSIX shell. Plain words stay as they are, for readable command records. */
export function quoteShellArg(value: string | number): string {
  const s = String(value);
  if (s !== '' && SAFE.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A command line from parts, each quoted. */
export function shellCommand(parts: (string | number)[]): string {
  return parts.map(quoteShellArg).join(' ');
}
