// cfs output (REFERENCE §7.10): checkservers, whereis (one path or several), listvol, and the bogus-opcode line
// Coda 6.9+ prints for `cfs wr`. cfs exits 0 for "servers still down", so the text is what tells.
import { type Outcome, fail, ok } from './issues.js';

export const BOGUS_OPCODE = 'Bogus or missing opcode: type "cfs help" for list';

export function isBogusOpcode(text: string): boolean {
  return text.split(/\r?\n/).some((l) => l.trim() === BOGUS_OPCODE);
}

export interface CheckServers {
  allUp: boolean;
  down: string[];
}

export function parseCheckServers(text: string): Outcome<CheckServers> {
  if (/^All servers up$/m.test(text)) return ok({ allUp: true, down: [] });
  const m = /^These servers still down:(.*)$/m.exec(text);
  if (m) return ok({ allUp: false, down: m[1]!.trim().split(/\s+/).filter(Boolean) });
  return fail(`cfs checkservers printed neither "All servers up" nor "These servers still down:": "${text.trim()}"`);
}

export interface WhereIs {
  /** Set when cfs was given several paths (`  <path>:  h1  h2`). */
  path?: string;
  hosts: string[];
}

export function parseWhereis(text: string): Outcome<WhereIs[]> {
  const out: WhereIs[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.trim() === '') continue;
    if (!l.startsWith('  ')) return fail(`line ${i + 1}: not a whereis line: "${l}"`, i + 1);
    const multi = /^ {2}(\S.*?):(?: {2}|$)(.*)$/.exec(l);
    if (multi) out.push({ path: multi[1]!, hosts: split(multi[2]!) });
    else out.push({ hosts: split(l) });
  }
  if (out.length === 0) return fail('cfs whereis printed nothing');
  return ok(out);
}

function split(s: string): string[] {
  return s.trim().split(/\s+/).filter(Boolean);
}

export interface ListVol {
  groupId: number;
  name: string;
  type: string;
  connectionState: string;
  blocksUsed?: number;
  lines: string[];
}

/** `cfs lv`: one block per path, starting `  Status of volume 7f000000 (2130706432) named "myvol"`. */
export function parseListvol(text: string): Outcome<ListVol[]> {
  const blocks: ListVol[] = [];
  let current: ListVol | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!.trim();
    const head = /^Status of volume ([0-9a-fA-F]+) \((\d+)\) named "(.*)"$/.exec(l);
    if (head) {
      current = { groupId: Number.parseInt(head[1]!, 16) >>> 0, name: head[3]!, type: '', connectionState: '', lines: [] };
      blocks.push(current);
      continue;
    }
    if (l === '') continue;
    if (!current) return fail(`line ${i + 1}: expected "Status of volume …", found "${l}"`, i + 1);
    current.lines.push(l);
    const type = /^Volume type is (.*)$/.exec(l);
    if (type) current.type = type[1]!;
    const state = /^Connection State is (.*)$/.exec(l);
    if (state) current.connectionState = state[1]!;
    const used = /^Current blocks used are (\d+)$/.exec(l);
    if (used) current.blocksUsed = Number(used[1]);
  }
  if (blocks.length === 0) return fail('cfs listvol printed no volume');
  return ok(blocks);
}
