// /vice/db/vicetab (REFERENCE §5), lossless: `<host> <dir> <type> [opts]`; lines starting # and empty lines are
// skipped by Coda and kept here. Coda matches the host by IP, so finding a partition takes a host matcher.
import { type Edit, type Outcome, type ParseIssue, fail, ok } from './issues.js';
import { appendLine, isBlank, joinLines, splitFields, splitLines, type Line } from './lines.js';

export interface VicetabEntry {
  line: number;
  host: string;
  dir: string;
  type: string;
  /** The options field as written, e.g. `width=64,depth=3`. */
  options?: string;
  /** The options as key=value pairs. */
  settings: Record<string, string>;
}

export interface VicetabDoc {
  lines: Line[];
  entries: VicetabEntry[];
  issues: ParseIssue[];
}

export function parseVicetab(text: string): VicetabDoc {
  const lines = splitLines(text);
  const entries: VicetabEntry[] = [];
  const issues: ParseIssue[] = [];
  lines.forEach((l, i) => {
    if (isBlank(l.text) || l.text.startsWith('#')) return;
    const line = i + 1;
    const { fields } = splitFields(l.text);
    if (fields.length < 3) {
      issues.push({ line, severity: 'error', message: `expected "<host> <dir> <type> [options]", found ${fields.length} field(s)` });
      return;
    }
    const entry: VicetabEntry = { line, host: fields[0]!, dir: fields[1]!, type: fields[2]!, settings: {} };
    if (fields[3] !== undefined) {
      entry.options = fields[3];
      for (const pair of fields[3].split(',')) {
        const [k, v] = pair.split('=');
        if (k) entry.settings[k] = v ?? '';
      }
    }
    if (fields.length > 4) issues.push({ line, severity: 'warning', message: `fields after the 4th are ignored` });
    checkEntry(entry, issues);
    entries.push(entry);
  });
  return { lines, entries, issues };
}

export function serializeVicetab(doc: VicetabDoc): string {
  return joinLines(doc.lines);
}

function checkEntry(e: VicetabEntry, issues: ParseIssue[]): void {
  if (e.type !== 'ftree') return;
  const width = Number(e.settings.width);
  const depth = Number(e.settings.depth);
  if (!e.settings.width || !e.settings.depth) {
    issues.push({ line: e.line, severity: 'error', message: `ftree partition ${e.dir} needs width=W,depth=D` });
  } else if (!Number.isInteger(width) || width < 1 || (width & (width - 1)) !== 0 || !Number.isInteger(depth) || depth < 1) {
    issues.push({ line: e.line, severity: 'error', message: `ftree partition ${e.dir}: width must be a power of 2 and depth a positive integer (width=${e.settings.width}, depth=${e.settings.depth})` });
  }
}

export type HostMatcher = string | ((host: string) => boolean);

function matches(matcher: HostMatcher, host: string): boolean {
  return typeof matcher === 'string' ? matcher.toLowerCase() === host.toLowerCase() : matcher(host);
}

/** The partition `dir` (trailing / ignored) of a host the matcher accepts; with several, the first as DP_Init does. */
export function findPartition(doc: VicetabDoc, host: HostMatcher, dir: string): VicetabEntry | undefined {
  const wanted = dir.replace(/\/+$/, '');
  return doc.entries.find((e) => e.dir.replace(/\/+$/, '') === wanted && matches(host, e.host));
}

export function partitionsOf(doc: VicetabDoc, host: HostMatcher): VicetabEntry[] {
  return doc.entries.filter((e) => matches(host, e.host));
}

/** Appends `host   dir   type   options` as vice-setup-srvdir writes it; unchanged when the partition is listed. */
export function addPartition(doc: VicetabDoc, host: string, dir: string, type: string, options?: string): Outcome<Edit<VicetabDoc>> {
  if ([host, dir, type, options ?? 'x'].some((v) => v === '' || /\s/.test(v))) return fail('vicetab fields must be non-empty and without whitespace');
  const listed = findPartition(doc, host, dir);
  if (listed) return ok({ doc, changed: false, reason: `${dir} is already listed for ${listed.host} (line ${listed.line})` });
  const text = [host, dir, type, ...(options ? [options] : [])].join('   ');
  const lines = appendLine(doc.lines, text);
  return ok({ doc: parseVicetab(joinLines(lines)), changed: true, reason: `added ${dir} (${type}) for ${host} on line ${lines.length}` });
}
