// YAML with line numbers: js-yaml's load listener tells where each mapping and sequence starts, so a
// validation error can name the line of the task, host or key it is about.
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { ConfigError } from './config-error.js';
import { yamlErrorPosition, type YamlMark } from './yaml-error-position.js';

export interface YamlSource {
  file: string;
  doc: unknown;
  /** 1-based line where a loaded mapping or sequence starts (or the line of the key that holds it). */
  lineOf(node: unknown, fallback?: number): number;
  /** 1-based line of `key:` inside a mapping (searched from the mapping's own line). */
  keyLine(node: unknown, key: string): number;
}

export function loadYaml(file: string, text?: string): YamlSource {
  let source: string;
  try {
    source = text ?? readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError([{ file, line: 0, message: `cannot read the file: ${(err as Error).message}` }]);
  }
  const starts = new WeakMap<object, number>();
  const stack: number[] = [];
  let doc: unknown;
  try {
    doc = yaml.load(source, {
      filename: file,
      listener(event, state) {
        if (event === 'open') stack.push(state.line);
        else {
          const line = stack.pop() ?? 0;
          const r = state.result as unknown;
          if (r && typeof r === 'object' && !starts.has(r)) starts.set(r, line + 1);
        }
      },
    });
  } catch (err) {
    const e = err as { mark?: YamlMark; reason?: string; message: string };
    const reason = e.reason ?? e.message;
    const at = yamlErrorPosition(source, e.mark, reason);
    const what = /double quoted|single quoted/.test(reason) ? `${reason} (the quote opened here is never closed)` : /flow collection/.test(reason) ? `${reason} (the bracket opened here is never closed)`
      : /multiline key/.test(reason) ? `${reason} (is a ':' missing after the key on this line?)` : reason;
    throw new ConfigError([{ file, line: at.line, column: at.column, message: `YAML syntax error: ${what}` }]);
  }
  const lines = source.split('\n');
  const lineOf = (node: unknown, fallback = 1): number => (node && typeof node === 'object' ? starts.get(node) ?? fallback : fallback);
  return {
    file, doc, lineOf,
    keyLine(node, key) {
      const from = lineOf(node) - 1;
      const re = new RegExp(`^\\s*(-\\s+)?["']?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*:`);
      for (let i = Math.max(0, from); i < lines.length; i++) if (re.test(lines[i]!)) return i + 1;
      return from + 1;
    },
  };
}
