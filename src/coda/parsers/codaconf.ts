// server.conf / venus.conf (REFERENCE §6; lib-src/base/codaconf.c), lossless. Coda's rules: blanks before the key
// are allowed, a # line is a comment, the key runs to the '=' (trailing blanks dropped), a blank right after '='
// is an error, the value runs to the end of the line (trailing blanks and one quote at each end dropped, so a
// `# …` after a value is part of it), and the last definition wins.
import { type Edit, type Outcome, type ParseIssue, fail, ok } from './issues.js';
import { appendLine, dominantEol, joinLines, splitLines, type Line } from './lines.js';

export interface ConfSetting {
  line: number;
  key: string;
  /** The value as Coda sees it (quotes stripped). */
  value: string;
  /** The text after '=' as written. */
  raw: string;
}

export interface ConfDoc {
  lines: Line[];
  settings: ConfSetting[];
  issues: ParseIssue[];
}

export function parseConf(text: string): ConfDoc {
  const lines = splitLines(text);
  const settings: ConfSetting[] = [];
  const issues: ParseIssue[] = [];
  lines.forEach((l, i) => {
    const line = i + 1;
    const body = l.text.replace(/^[ \t]*/, '');
    if (body === '' || body.startsWith('#')) return;
    const eq = body.indexOf('=');
    if (eq < 0) { issues.push({ line, severity: 'error', message: `Configuration error in line ${line}, missing '='.` }); return; }
    const key = body.slice(0, eq).replace(/[ \t]+$/, '');
    const raw = body.slice(eq + 1);
    if (raw.startsWith(' ') || raw.startsWith('\t')) { issues.push({ line, severity: 'error', message: `Configuration error in line ${line}, no blanks allowed after the '='.` }); return; }
    if (key === '') { issues.push({ line, severity: 'error', message: `line ${line}: no name before the '='` }); return; }
    if (l.eol === '\r\n') issues.push({ line, severity: 'warning', message: `line ${line} ends in CRLF: Coda keeps the CR as part of the value` });
    settings.push({ line, key, value: unquote(raw), raw });
  });
  return { lines, settings, issues };
}

export function serializeConf(doc: ConfDoc): string {
  return joinLines(doc.lines);
}

function unquote(raw: string): string {
  let v = raw.replace(/[ \t]+$/, '');
  if (v.startsWith('"') || v.startsWith("'")) v = v.slice(1);
  if (v.endsWith('"') || v.endsWith("'")) v = v.slice(0, -1);
  return v;
}

/** The effective definition of `key` (the last one), or undefined. */
export function findSetting(doc: ConfDoc, key: string): ConfSetting | undefined {
  return doc.settings.filter((s) => s.key === key).at(-1);
}

export function getValue(doc: ConfDoc, key: string): string | undefined {
  return findSetting(doc, key)?.value;
}

/** Every key's effective value. */
export function confValues(doc: ConfDoc): Map<string, string> {
  return new Map(doc.settings.map((s) => [s.key, s.value]));
}

/**
 * codaconfedit's edit: when the key's effective value already is `value`, nothing changes; otherwise every
 * definition of the key is commented out with '#' and `key="value"` goes right after the last line that
 * defined it (commented ones included), or at the end of the file.
 */
export function setValue(doc: ConfDoc, key: string, value: string): Outcome<Edit<ConfDoc>> {
  if (!/^[A-Za-z0-9_.-]+$/.test(key)) return fail(`"${key}" is not a configuration key`);
  if (/[\r\n]/.test(value)) return fail(`the value for ${key} contains a line break`);
  if (getValue(doc, key) === value) return ok({ doc, changed: false, reason: `${key} is already "${value}"` });
  const defines = new RegExp(`^[ \\t]*#*[ \\t]*${key.replace(/[.]/g, '\\.')}[ \\t]*=`);
  const active = new Set(doc.settings.filter((s) => s.key === key).map((s) => s.line));
  let lines = doc.lines.map((l, i) => (active.has(i + 1) ? { ...l, text: `#${l.text}` } : l));
  const last = lines.reduce((at, l, i) => (defines.test(l.text) ? i : at), -1);
  const text = `${key}="${value}"`;
  if (last < 0) lines = appendLine(lines, text);
  else {
    const eol = lines[last]!.eol;
    lines.splice(last, 1, { ...lines[last]!, eol: eol === '' ? dominantEol(lines) : eol }, { text, eol });
  }
  const commented = active.size ? ` (commented out line${active.size > 1 ? 's' : ''} ${[...active].join(', ')})` : '';
  return ok({ doc: parseConf(joinLines(lines)), changed: true, reason: `set ${key}="${value}"${commented}` });
}
