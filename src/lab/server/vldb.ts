// VLDB from BigVolumeList (REFERENCE §4.3): only W/R/B/N lines count; each volume is found by name and by
// its decimal id; H gives the server number. Stored as JSON in db/VLDB.
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import type { VldbEntry } from './runtime.js';

export function parseVolumeList(text: string): VldbEntry[] {
  const out: VldbEntry[] = [];
  for (const m of text.matchAll(/^([WRBN])(\S+) I([0-9a-fA-F]+) H([0-9a-fA-F]+) /gm)) {
    out.push({ type: m[1] as VldbEntry['type'], name: m[2]!, id: parseInt(m[3]!, 16), serverId: parseInt(m[4]!, 16) });
  }
  return out;
}

export function writeVldb(path: string, entries: VldbEntry[]): void {
  writeFileSync(`${path}.new`, JSON.stringify(entries));
  renameSync(`${path}.new`, path);
}

export function readVldb(path: string): VldbEntry[] {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as VldbEntry[];
  } catch {
    return [];
  }
}

export function lookupVldb(vldb: VldbEntry[], key: string): VldbEntry | undefined {
  return vldb.find((e) => e.name === key) ?? vldb.find((e) => String(e.id) === key);
}
