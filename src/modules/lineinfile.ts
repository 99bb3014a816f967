// lineinfile: make sure a line is (or is not) in a file, Ansible's semantics: with `regexp`, the last matching
// line is replaced; without a match the line is inserted (after `insertafter`, before `insertbefore`, or at EOF).
import { z } from 'zod';
import type { ModuleDefinition } from './module.js';
import { applyEdit, parseMode, planEdit } from './file-edit.js';

const schema = z.object({
  path: z.string().min(1),
  line: z.string().optional(),
  regexp: z.string().optional(),
  state: z.enum(['present', 'absent']).default('present'),
  insertafter: z.string().optional(),
  insertbefore: z.string().optional(),
  create: z.boolean().default(false),
  backup: z.boolean().default(false),
  mode: z.union([z.string(), z.number()]).optional(),
}).strict();
type Args = z.infer<typeof schema>;

/** Split keeping the line ending style; the last element is '' when the text ends with a newline. */
function splitLines(text: string): { lines: string[]; eol: string; trailing: boolean } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const trailing = text.endsWith(eol) || text === '';
  const lines = text === '' ? [] : (trailing ? text.slice(0, -eol.length) : text).split(eol);
  return { lines, eol, trailing };
}

export function editLines(text: string | null, a: Args): string | null {
  if (text === null && !a.create) return null;
  const { lines, eol, trailing } = splitLines(text ?? '');
  const re = a.regexp ? new RegExp(a.regexp) : null;
  const matches = (l: string): boolean => (re ? re.test(l) : l === a.line);
  if (a.state === 'absent') {
    const kept = lines.filter((l) => !matches(l));
    return kept.length === lines.length ? text : kept.join(eol) + (kept.length && trailing ? eol : '');
  }
  const line = a.line ?? '';
  const last = lines.map(matches).lastIndexOf(true);
  if (last >= 0) {
    if (lines[last] === line) return text;
    lines[last] = line;
  } else if (lines.includes(line)) {
    return text;
  } else {
    let at = lines.length;
    if (a.insertbefore && a.insertbefore !== 'BOF') {
      const i = lines.findIndex((l) => new RegExp(a.insertbefore!).test(l));
      if (i >= 0) at = i;
    } else if (a.insertbefore === 'BOF') at = 0;
    else if (a.insertafter && a.insertafter !== 'EOF') {
      const i = lines.map((l) => new RegExp(a.insertafter!).test(l)).lastIndexOf(true);
      if (i >= 0) at = i + 1;
    }
    lines.splice(at, 0, line);
  }
  return lines.join(eol) + (trailing || text === null ? eol : '');
}

export const lineinfileModule: ModuleDefinition<typeof schema> = {
  name: 'lineinfile',
  summary: 'Ensure a line is present in (or absent from) a file, replacing the last line that matches regexp',
  schema,
  checkModeSafe: true,
  probe: (ctx, a) => {
    if (a.state === 'present' && a.line === undefined) throw new Error('lineinfile: line is required with state=present');
    return planEdit(ctx, a.path, (before) => editLines(before, a), (before) => (before === null ? `${a.path} does not exist (create: false)` : a.state === 'present' ? `line exists in ${a.path}` : `no such line in ${a.path}`));
  },
  apply: (ctx, a, plan) => applyEdit(ctx, plan, { backup: a.backup, mode: parseMode(a.mode) }),
};
