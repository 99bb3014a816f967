// /etc/coda/realms (REFERENCE §6.3; lib-src/base/parse_realms.c), lossless: `<realm> <server>[ ,\t]<server>…`,
// # lines are comments. The first line whose name matches exactly wins.
import { type Edit, type Outcome, type ParseIssue, fail, ok } from './issues.js';
import { appendLine, isBlank, joinLines, splitLines, type Line } from './lines.js';

export interface RealmEntry {
  line: number;
  realm: string;
  servers: string[];
}

export interface RealmsDoc {
  lines: Line[];
  entries: RealmEntry[];
  issues: ParseIssue[];
}

export function parseRealms(text: string): RealmsDoc {
  const lines = splitLines(text);
  const entries: RealmEntry[] = [];
  const issues: ParseIssue[] = [];
  lines.forEach((l, i) => {
    if (isBlank(l.text) || l.text.trimStart().startsWith('#')) return;
    const [realm, ...servers] = l.text.trim().split(/[ \t,]+/);
    const line = i + 1;
    if (servers.length === 0) issues.push({ line, severity: 'error', message: `realm ${realm} lists no server` });
    if (entries.some((e) => e.realm === realm)) issues.push({ line, severity: 'warning', message: `realm ${realm} is listed again; Coda uses the first line` });
    entries.push({ line, realm: realm!, servers });
  });
  return { lines, entries, issues };
}

export function serializeRealms(doc: RealmsDoc): string {
  return joinLines(doc.lines);
}

export function findRealm(doc: RealmsDoc, realm: string): RealmEntry | undefined {
  return doc.entries.find((e) => e.realm === realm);
}

/** Adds a server to the realm's line (after its last server, same separator), or a new `realm server` line. */
export function addRealmServer(doc: RealmsDoc, realm: string, server: string): Outcome<Edit<RealmsDoc>> {
  if ([realm, server].some((v) => v === '' || /[\s,#]/.test(v))) return fail('realm and server names must be non-empty, without blanks, commas or #');
  const entry = findRealm(doc, realm);
  if (entry?.servers.some((s) => s.toLowerCase() === server.toLowerCase())) return ok({ doc, changed: false, reason: `${server} is already a server of realm ${realm} (line ${entry.line})` });
  let lines: Line[];
  if (!entry) lines = appendLine(doc.lines, `${realm} ${server}`);
  else {
    lines = doc.lines.slice();
    const old = lines[entry.line - 1]!;
    const m = /^(.*?)([ \t,]+)([^ \t,]+)([ \t]*)$/.exec(old.text)!;
    lines[entry.line - 1] = { ...old, text: `${m[1]}${m[2]}${m[3]}${m[2]}${server}${m[4]}` };
  }
  return ok({ doc: parseRealms(joinLines(lines)), changed: true, reason: `added ${server} to realm ${realm}` });
}
