// /vice/db/servers (REFERENCE §2), lossless. Entries are what codasrv's sscanf("%50s %u") reads: any line with a
// name and a number is an entry — `#host 5` included, which is flagged — and every other line is kept as is.
import { checkServerId } from '../ids.js';
import { appendLine, joinLines, splitFields, splitLines, type Line } from './lines.js';
import { type Edit, type Outcome, type ParseIssue, fail, ok } from './issues.js';
import { scanDecimal } from './scan.js';

/** 6.9+ reads the name with %50s. */
export const MAX_SERVER_NAME_LENGTH = 50;

export interface ServerEntry {
  /** 1-based line number. */
  line: number;
  /** The name as Coda looks it up: a `:port` suffix stripped. */
  name: string;
  /** The first field as written. */
  rawName: string;
  port?: number;
  id: number;
}

export interface ServersDoc {
  lines: Line[];
  entries: ServerEntry[];
  issues: ParseIssue[];
}

export function parseServers(text: string): ServersDoc {
  const lines = splitLines(text);
  const entries: ServerEntry[] = [];
  const issues: ParseIssue[] = [];
  lines.forEach((l, i) => {
    const entry = readEntry(l.text, i + 1, issues);
    if (entry) entries.push(entry);
  });
  checkEntries(entries, issues);
  issues.sort((a, b) => a.line - b.line);
  return { lines, entries, issues };
}

export function serializeServers(doc: ServersDoc): string {
  return joinLines(doc.lines);
}

function readEntry(text: string, line: number, issues: ParseIssue[]): ServerEntry | undefined {
  const { fields } = splitFields(text);
  if (fields.length < 2) return undefined;
  const scanned = scanDecimal(fields[1]!, true);
  if (!scanned) return undefined; // sscanf read one item: codasrv skips the line (e.g. "# a comment")
  const rawName = fields[0]!;
  const port = /:(\d+)$/.exec(rawName);
  const entry: ServerEntry = { line, name: port ? rawName.slice(0, port.index) : rawName, rawName, id: scanned.value };
  if (port) entry.port = Number(port[1]);
  if (rawName.startsWith('#')) issues.push({ line, severity: 'warning', message: `"${text.trim()}" looks like a comment but Coda reads it as host "${rawName}" with id ${entry.id}` });
  if (scanned.rest !== '') issues.push({ line, severity: 'warning', message: `id "${fields[1]}" is read by Coda as ${entry.id}` });
  if (rawName.length > MAX_SERVER_NAME_LENGTH) issues.push({ line, severity: 'error', message: `host name "${rawName}" is longer than ${MAX_SERVER_NAME_LENGTH} characters (Coda 6.9+ reads only ${MAX_SERVER_NAME_LENGTH})` });
  return entry;
}

function checkEntries(entries: readonly ServerEntry[], issues: ParseIssue[]): void {
  const byId = new Map<number, ServerEntry>();
  const byName = new Map<string, ServerEntry>();
  for (const e of entries) {
    const problem = checkServerId(e.id);
    if (problem) issues.push({ line: e.line, severity: 'error', message: `${e.rawName}: ${problem}; codasrv exits` });
    const sameId = byId.get(e.id);
    if (sameId && sameId.name.toLowerCase() !== e.name.toLowerCase()) {
      issues.push({ line: e.line, severity: 'error', message: `server id ${e.id} of ${e.name} is already assigned to ${sameId.name} (line ${sameId.line}); codasrv exits` });
    }
    const sameName = byName.get(e.name.toLowerCase());
    if (sameName) issues.push({ line: e.line, severity: 'warning', message: `${e.name} is listed again (first on line ${sameName.line})` });
    if (!byId.has(e.id)) byId.set(e.id, e);
    if (!sameName) byName.set(e.name.toLowerCase(), e);
  }
}

/** The entry for a host name (case-insensitive, `:port` ignored); the last one when listed twice, as codasrv does. */
export function findServer(doc: ServersDoc, name: string): ServerEntry | undefined {
  const wanted = name.replace(/:\d+$/, '').toLowerCase();
  return doc.entries.filter((e) => e.name.toLowerCase() === wanted).at(-1);
}

export function findServerById(doc: ServersDoc, id: number): ServerEntry | undefined {
  return doc.entries.find((e) => e.id === id);
}

export function usedServerIds(doc: ServersDoc): number[] {
  return doc.entries.map((e) => e.id);
}

/** Why `name` cannot be a servers-file host name, or undefined. */
export function checkServerName(name: string): string | undefined {
  if (name === '') return 'host name is empty';
  if (/\s/.test(name)) return `host name "${name}" contains whitespace`;
  if (name.startsWith('#')) return `host name "${name}" starts with #`;
  if (name.length > MAX_SERVER_NAME_LENGTH) return `host name "${name}" is longer than ${MAX_SERVER_NAME_LENGTH} characters`;
  return undefined;
}

/**
 * Lists `name id`. Already listed with that id: unchanged. Refused: a bad name or id, the name listed with another
 * id, the id taken by another host. The new line copies the last entry's indent and separator (column-aligned
 * files stay aligned); with no entry it is vice-setup's `name<TAB><TAB>id`.
 */
export function addServer(doc: ServersDoc, name: string, id: number): Outcome<Edit<ServersDoc>> {
  const badName = checkServerName(name);
  if (badName) return fail(badName);
  const badId = checkServerId(id);
  if (badId) return fail(badId);
  const listed = findServer(doc, name);
  if (listed && listed.id === id) return ok({ doc, changed: false, reason: `${name} is already listed with id ${id} (line ${listed.line})` });
  if (listed) return fail(`${name} is already listed with id ${listed.id} (line ${listed.line}), not ${id}; a server id must never change`, listed.line);
  const owner = findServerById(doc, id);
  if (owner) return fail(`server id ${id} is already assigned to ${owner.name} (line ${owner.line})`, owner.line);
  const lines = appendLine(doc.lines, formatEntry(doc, name, id));
  return ok({ doc: parseServers(joinLines(lines)), changed: true, reason: `added ${name} with id ${id} on line ${lines.length}` });
}

function formatEntry(doc: ServersDoc, name: string, id: number): string {
  const last = doc.entries.at(-1);
  if (!last) return `${name}\t\t${id}`;
  const f = splitFields(doc.lines[last.line - 1]!.text);
  const sep = f.seps[0]!;
  const column = f.lead.length + f.fields[0]!.length + sep.length;
  if (/^ {2,}$/.test(sep) && f.lead.length + name.length < column) return `${f.lead}${name.padEnd(column - f.lead.length)}${id}`;
  return `${f.lead}${name}${sep}${id}`;
}
