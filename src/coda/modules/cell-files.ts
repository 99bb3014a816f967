// The few views of Coda's files and tool output that the Coda modules need, as plain functions.
// (Adapter: the lossless parsers live in src/coda/parsers; this file maps them to what the modules use.)
import type { VolumeLine } from './preflight-checks.js';

export type { VolumeLine };

export interface ListedServer {
  name: string;
  id: number;
}

/** Entries of /vice/db/servers the way codasrv reads them (sscanf "%50s %u": a line needs two fields). */
export function listedServers(text: string): ListedServer[] {
  const out: ListedServer[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*(\S+)\s+(\d+)/.exec(line);
    if (m && !m[1]!.startsWith('#')) out.push({ name: m[1]!.replace(/:\d+$/, ''), id: Number(m[2]) });
  }
  return out;
}

/** Append `name<TAB><TAB>id` as vice-setup writes it, keeping everything before byte for byte. */
export function appendServerLine(text: string, name: string, id: number): string {
  const base = text === '' || text.endsWith('\n') ? text : `${text}\n`;
  return `${base}${name}\t\t${id}\n`;
}

export function vicetabDirs(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() && !l.trimStart().startsWith('#')).map((l) => l.trim().split(/\s+/)[1] ?? '');
}

export function volumeLines(text: string): VolumeLine[] {
  const out: VolumeLine[] = [];
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 3 || !f[0]) continue;
    const replicas = f.slice(3, 11).map((x) => parseInt(x, 16) || 0);
    while (replicas.length < 8) replicas.push(0);
    out.push({ name: f[0], groupId: parseInt(f[1] ?? '0', 16), count: Number(f[2]), replicas });
  }
  return out;
}

/** Slot `count` of the volume's line gets `id`, count + 1; the line keeps its padding and separators. */
export function addReplicaToVRList(text: string, volume: string, id: number): string {
  const lines = text.split('\n');
  const index = lines.findIndex((l) => l.trim().split(/\s+/)[0] === volume);
  if (index < 0) throw new Error(`volume ${volume} is not in VRList`);
  const tokens = lines[index]!.split(/(\s+)/);
  const fields = tokens.filter((_, i) => i % 2 === 0);
  const count = Number(fields[2]);
  if (count >= 8) throw new Error(`volume ${volume} already has 8 replicas`);
  const width = (fields[3] ?? '').length >= 8 ? 8 : 0;
  const at = (fieldIndex: number): number => fieldIndex * 2;
  tokens[at(2)] = String(count + 1);
  const slotField = 3 + count;
  const formatted = (id >>> 0).toString(16).padStart(width, '0');
  while (tokens.length <= at(slotField)) tokens.push(' ', '0');
  tokens[at(slotField)] = formatted;
  lines[index] = tokens.join('');
  return lines.join('\n');
}

export interface VolInfo {
  volumeId: number;
  serverCount: number;
  replicas: { id: number; ip: string }[];
}

/** getvolinfo's answer (REFERENCE §7.6), or null for an error answer. */
export function parseVolInfo(text: string): VolInfo | null {
  const volumeId = /^\s*VolumeId ([0-9a-f]+)/m.exec(text);
  const count = /^\s*ServerCount (\d+)/m.exec(text);
  if (!volumeId || !count) return null;
  const replicas: { id: number; ip: string }[] = [];
  for (const m of text.matchAll(/^\s*Replica(\d) id ([0-9a-f]+), Server\d (\S+)/gm)) replicas[Number(m[1])] = { id: parseInt(m[2]!, 16), ip: m[3]! };
  return { volumeId: parseInt(volumeId[1]!, 16), serverCount: Number(count[1]), replicas };
}

/** `W<name> I<id> …` lines of getvolumelist: replica volume name -> id. */
export function parseVolumeListNames(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of text.matchAll(/^[WRBN?](\S+) I([0-9a-fA-F]+) /gm)) out.set(m[1]!, parseInt(m[2]!, 16));
  return out;
}

/** `Volume 02000001 (seedvol.1) created ` (create_rep's success line). */
export function parseCreatedVolume(text: string): { id: number; name: string } | null {
  const m = /^Volume ([0-9a-fA-F]+) \((.+)\) created/m.exec(text);
  return m ? { id: parseInt(m[1]!, 16), name: m[2]! } : null;
}

/** getvolumelist `W…` lines: replica name -> disk blocks used (the `U` field, hex). */
export function parseVolumeListUsage(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of text.matchAll(/^[WRBN?](\S+) I[0-9a-fA-F]+ .*?\bU([0-9a-fA-F]+)\b/gm)) out.set(m[1]!, parseInt(m[2]!, 16));
  return out;
}
