// VRList -> VRDB as makevrdb parses it (REFERENCE §3): sscanf("%s %x %d %x×8 %x"): 3 to 12 items; a blank,
// comment or short line, or a name of 32+ characters aborts with `Bad input line(N): …`. Stored as JSON in
// db/VRDB (only the simulated tools read it; the real file is binary and word-size dependent).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { VrdbEntry } from './runtime.js';

export function parseVRList(text: string): { entries: VrdbEntry[] } | { badLine: number; text: string } {
  const entries: VrdbEntry[] = [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const f = lines[i]!.trim().split(/\s+/).filter(Boolean);
    const hex = (s: string | undefined): number => (s === undefined ? 0 : parseInt(s, 16));
    if (f.length < 3 || f[0]!.length >= 32 || Number.isNaN(hex(f[1])) || !/^-?\d+/.test(f[2]!)) return { badLine: i + 1, text: lines[i]! };
    const replicas = Array.from({ length: 8 }, (_, s) => hex(f[3 + s]) || 0);
    entries.push({ name: f[0]!, groupId: hex(f[1]), count: parseInt(f[2]!, 10), replicas });
  }
  return { entries };
}

/** dumpvrdb's form (6.0.14+): padded, 12 fields, trailing literal 0. */
export function dumpVRList(entries: VrdbEntry[]): string {
  const h = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');
  return entries.map((e) => `${e.name} ${h(e.groupId)} ${e.count} ${e.replicas.map(h).join(' ')} 0\n`).join('');
}

export function writeVrdb(path: string, entries: VrdbEntry[]): void {
  writeFileSync(`${path}.new`, JSON.stringify(entries));
  renameSync(`${path}.new`, path);
}

export function readVrdb(path: string): VrdbEntry[] {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as VrdbEntry[];
  } catch {
    return [];
  }
}
