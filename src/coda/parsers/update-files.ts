// /vice/db/files (REFERENCE §5), lossless: the files updateclnt keeps in sync, one name per line relative to
// db/; a leading '-' means "delete this file on the other servers".
import { type Edit, type Outcome, type ParseIssue, fail, ok } from './issues.js';
import { appendLine, isBlank, joinLines, splitLines, type Line } from './lines.js';

export interface UpdateFileEntry {
  line: number;
  name: string;
  remove: boolean;
}

export interface UpdateFilesDoc {
  lines: Line[];
  entries: UpdateFileEntry[];
  issues: ParseIssue[];
}

export function parseUpdateFiles(text: string): UpdateFilesDoc {
  const lines = splitLines(text);
  const entries: UpdateFileEntry[] = [];
  const issues: ParseIssue[] = [];
  lines.forEach((l, i) => {
    if (isBlank(l.text)) return;
    const word = l.text.trim();
    const line = i + 1;
    if (/\s/.test(word)) issues.push({ line, severity: 'error', message: `"${word}": one file name per line` });
    const remove = word.startsWith('-');
    entries.push({ line, name: remove ? word.slice(1) : word, remove });
  });
  return { lines, entries, issues };
}

export function serializeUpdateFiles(doc: UpdateFilesDoc): string {
  return joinLines(doc.lines);
}

export function findUpdateFile(doc: UpdateFilesDoc, name: string): UpdateFileEntry | undefined {
  return doc.entries.find((e) => e.name === name);
}

/** Lists `name` for propagation; unchanged when listed, refused when listed for deletion. */
export function addUpdateFile(doc: UpdateFilesDoc, name: string): Outcome<Edit<UpdateFilesDoc>> {
  if (name === '' || /\s/.test(name) || name.startsWith('-')) return fail(`"${name}" is not a file name for db/files`);
  const listed = findUpdateFile(doc, name);
  if (listed?.remove) return fail(`${name} is listed for deletion (-${name}, line ${listed.line})`, listed.line);
  if (listed) return ok({ doc, changed: false, reason: `${name} is already listed (line ${listed.line})` });
  const lines = appendLine(doc.lines, name);
  return ok({ doc: parseUpdateFiles(joinLines(lines)), changed: true, reason: `added ${name} on line ${lines.length}` });
}
