// The lossless base every Coda text document sits on: lines with their own line ending, and whitespace-split
// fields that keep their separators, so that joining them back gives the original text byte for byte.

export type Eol = '\n' | '\r\n' | '';

export interface Line {
  /** The line's text without its ending. */
  text: string;
  /** The ending as found: '' only for a last line without a newline. */
  eol: Eol;
}

/** Splits text into lines keeping each ending; '' gives no lines, a trailing newline gives no empty last line. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) {
      lines.push({ text: text.slice(start), eol: '' });
      break;
    }
    const crlf = nl > start && text[nl - 1] === '\r';
    lines.push({ text: text.slice(start, crlf ? nl - 1 : nl), eol: crlf ? '\r\n' : '\n' });
    start = nl + 1;
  }
  return lines;
}

export function joinLines(lines: readonly Line[]): string {
  return lines.map((l) => l.text + l.eol).join('');
}

/** The ending most lines use (CRLF files stay CRLF when a line is added). */
export function dominantEol(lines: readonly Line[]): '\n' | '\r\n' {
  const crlf = lines.filter((l) => l.eol === '\r\n').length;
  const lf = lines.filter((l) => l.eol === '\n').length;
  return crlf > lf ? '\r\n' : '\n';
}

/** Appends a line in the file's own line ending; a last line without a newline gets one first. */
export function appendLine(lines: readonly Line[], text: string): Line[] {
  const eol = dominantEol(lines);
  const out = lines.map((l, i) => (i === lines.length - 1 && l.eol === '' ? { ...l, eol } : l));
  out.push({ text, eol });
  return out;
}

/** C's isspace() set: what sscanf and Coda's scripts treat as field separators. */
const SPACE = /[ \t\n\v\f\r]+/;
const IS_SPACE = /^[ \t\n\v\f\r]*$/;

export function isBlank(text: string): boolean {
  return IS_SPACE.test(text);
}

export interface Fields {
  lead: string;
  fields: string[];
  /** seps[i] sits between fields[i] and fields[i + 1]. */
  seps: string[];
  trail: string;
}

export function splitFields(text: string): Fields {
  const lead = /^[ \t\n\v\f\r]*/.exec(text)![0];
  const rest = text.slice(lead.length);
  const trail = rest === '' ? '' : /[ \t\n\v\f\r]*$/.exec(rest)![0];
  const body = rest.slice(0, rest.length - trail.length);
  if (body === '') return { lead, fields: [], seps: [], trail };
  const parts = body.split(new RegExp(`(${SPACE.source})`));
  return { lead, fields: parts.filter((_, i) => i % 2 === 0), seps: parts.filter((_, i) => i % 2 === 1), trail };
}

export function joinFields(f: Fields): string {
  return f.lead + f.fields.map((field, i) => field + (f.seps[i] ?? '')).join('') + f.trail;
}
