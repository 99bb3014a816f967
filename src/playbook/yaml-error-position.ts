// Where a YAML syntax error really is. js-yaml's mark is 0-based and, for a file that ends inside a quoted
// scalar or a flow collection, sits at the end of the file; the user needs the quote or bracket that was never
// closed. Lines and columns returned here are 1-based, as editors count.

export interface YamlMark { line: number; column: number; position: number }

function positionOf(source: string, index: number): { line: number; column: number } {
  const before = source.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - (before.lastIndexOf('\n') + 1) + 1 };
}

/** The opening quote of a scalar that never closes: after it, no closing quote follows. */
function unclosedQuote(source: string, quote: '"' | "'"): number {
  for (let i = source.length - 1; i >= 0; i--) {
    if (source[i] !== quote) continue;
    if (quote === "'" && source[i - 1] === "'") { i--; continue; } // '' is an escaped quote inside '…'
    if (quote === '"') {
      let slashes = 0;
      while (source[i - 1 - slashes] === '\\') slashes++;
      if (slashes % 2 === 1) continue;
    }
    return i;
  }
  return -1;
}

/** The outermost `[` or `{` still open at the end (quotes and comments skipped). */
function unclosedBracket(source: string): number {
  const open: number[] = [];
  let quote: string | null = null;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (quote) {
      if (c === quote && !(quote === '"' && source[i - 1] === '\\')) quote = null;
    } else if (c === '#' && (i === 0 || /\s/.test(source[i - 1]!))) {
      while (i < source.length && source[i] !== '\n') i++;
    } else if ((c === '"' || c === "'") && (i === 0 || /[\s[{,:]/.test(source[i - 1]!))) quote = c;
    else if (c === '[' || c === '{') open.push(i);
    else if (c === ']' || c === '}') open.pop();
  }
  return open[0] ?? -1;
}

/** The end of the last line that holds anything: where a file that stops too early stops. */
function lastContent(source: string): number {
  const trimmed = source.replace(/\s+$/, '');
  return Math.max(0, trimmed.length - 1);
}

export function yamlErrorPosition(source: string, mark: YamlMark | undefined, reason: string): { line: number; column: number } {
  if (!mark) return { line: 1, column: 1 };
  if (/end of the stream/.test(reason)) {
    const quote = /double quoted/.test(reason) ? unclosedQuote(source, '"') : /single quoted/.test(reason) ? unclosedQuote(source, "'") : -1;
    const bracket = /flow collection/.test(reason) ? unclosedBracket(source) : -1;
    const at = quote >= 0 ? quote : bracket >= 0 ? bracket : lastContent(source);
    return positionOf(source, at);
  }
  const lines = source.split('\n');
  // A key without its colon is found only at the next key, and an error at the start of an empty line is about
  // the line before: both point at the last line with content before the mark.
  if (/multiline key/.test(reason) || !(lines[mark.line] ?? '').trim()) {
    for (let i = mark.line - 1; i >= 0; i--) {
      const text = lines[i]!;
      if (text.trim() && !text.trim().startsWith('#')) return { line: i + 1, column: text.search(/\S/) + 1 };
    }
  }
  return { line: mark.line + 1, column: mark.column + 1 };
}
