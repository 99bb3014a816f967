// Ansible's INI inventory -> RawInventory, read as Ansible reads it: `[group]` sections of host lines
// (`name[:port] key=value …`, ranges like web[01:03]), `[group:vars]` sections of `key=value` lines and
// `[group:children]` sections of group names. Hosts before any section are ungrouped. Values on a host line are
// literals (2222 is a number, True a boolean) after shell-like quoting; values in :vars sections are strings.
import { dirname } from 'node:path';
import type { ConfigIssue } from '../playbook/config-error.js';
import { expandHostRange } from './host-range.js';
import { addHost, emptyRawInventory, groupOf, type RawInventory, type VarLayer } from './raw-inventory.js';

/** shlex.split(line, comments=True): whitespace-separated words, quotes and backslashes removed, `#` comment. */
export function splitWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) word += line[++i]!;
      else word += c;
    } else if (c === '"' || c === "'") { quote = c; word ??= ''; }
    else if (c === '\\' && i + 1 < line.length) word = (word ?? '') + line[++i]!;
    else if (/\s/.test(c)) { if (word !== null) words.push(word); word = null; }
    else if (c === '#' && word === null) break;
    else word = (word ?? '') + c;
  }
  if (word !== null) words.push(word);
  return words;
}

/** Python's ast.literal_eval on what Ansible finds on a host line; anything else stays a string. */
export function literalValue(v: string): unknown {
  if (/^[-+]?(0|[1-9]\d*)$/.test(v)) return Number(v);
  if (/^[-+]?(\d+\.\d*|\.\d+|\d+(\.\d*)?[eE][-+]?\d+)$/.test(v)) return Number(v);
  if (v === 'True' || v === 'False') return v === 'True';
  if (v === 'None') return null;
  if (/^[[{]/.test(v)) { try { return JSON.parse(v) as unknown; } catch { /* not JSON: a string */ } }
  return v;
}

const unquote = (v: string): string => (/^(["']).*\1$/.test(v) && v.length >= 2 ? v.slice(1, -1) : v);

export function readIniInventory(file: string, text: string): RawInventory {
  const inv = emptyRawInventory(file);
  const issue = (line: number, message: string) => inv.issues.push({ file, line, message } satisfies ConfigIssue);
  const baseDir = dirname(file);
  let group = 'ungrouped';
  let kind: 'hosts' | 'vars' | 'children' = 'hosts';
  let varsLayer: VarLayer | null = null;
  let varsLines: Record<string, number> = {};
  text.split(/\r?\n/).forEach((rawLine, i) => {
    const n = i + 1;
    const line = rawLine.trim();
    if (!line || line.startsWith('#') || line.startsWith(';')) return;
    const header = /^\[([^\]\s]+)\]\s*([#;].*)?$/.exec(line);
    if (header) {
      const [name, suffix, extra] = header[1]!.split(':');
      if (!name || extra !== undefined || (suffix !== undefined && suffix !== 'vars' && suffix !== 'children')) {
        issue(n, `section [${header[1]}]: expected [group], [group:vars] or [group:children]`);
        return;
      }
      group = name;
      kind = suffix === undefined ? 'hosts' : suffix as 'vars' | 'children';
      groupOf(inv, group);
      if (group !== 'all') groupOf(inv, 'all').children.add(group);
      varsLayer = null;
      return;
    }
    if (kind === 'children') {
      const child = splitWords(line)[0]!;
      groupOf(inv, group).children.add(child);
      groupOf(inv, child);
    } else if (kind === 'vars') {
      const eq = line.indexOf('=');
      if (eq <= 0) return issue(n, `[${group}:vars]: expected key=value, got ${JSON.stringify(line)}`);
      if (!varsLayer) {
        const lines: Record<string, number> = (varsLines = {});
        varsLayer = { vars: {}, file, baseDir, lineOf: (k) => lines[k] ?? n, owner: `group ${group}` };
        groupOf(inv, group).vars.push(varsLayer);
      }
      const key = line.slice(0, eq).trim();
      varsLayer.vars[key] = unquote(line.slice(eq + 1).trim());
      varsLines[key] = n;
    } else readHostLine(inv, group, line, n, baseDir, issue);
  });
  return inv;
}

function readHostLine(inv: RawInventory, group: string, line: string, n: number, baseDir: string, issue: (line: number, message: string) => void): void {
  const [pattern, ...pairs] = splitWords(line);
  const vars: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return issue(n, `host ${pattern}: expected key=value after the host name, got ${JSON.stringify(pair)}`);
    vars[pair.slice(0, eq)] = literalValue(pair.slice(eq + 1));
  }
  // name:port (not an IPv6 address, which has more than one colon)
  const withPort = /^([^:]+):(\d+)$/.exec(pattern!);
  if (withPort) vars.ansible_port ??= Number(withPort[2]);
  const names = expandHostRange(withPort ? withPort[1]! : pattern!);
  if (typeof names === 'string') return issue(n, `host ${pattern}: ${names}`);
  for (const name of names) addHost(inv, name, group, n, [{ vars: { ...vars }, file: inv.file, baseDir, lineOf: () => n, owner: `host ${name}` }]);
}
