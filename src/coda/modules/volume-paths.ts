// Where a volume appears under a client's mount point. The root volume `/` is the realm's top; by convention
// (and in the lab) a volume is mounted at /<realm>/<volume>; `volume_paths` in the inventory overrides it.
// Also the two small views of tool output the modules share, both read through src/coda/parsers.
import { parseGetVolInfo, parseWhereis as parseWhereisOutput, type VolInfo } from '../parsers/index.js';
import type { CodaHostPaths } from './coda-vars.js';

export function volumePath(paths: CodaHostPaths, volume: string, overrides: unknown): string {
  const top = `${paths.mountpoint}/${paths.realm}`;
  const map = overrides && typeof overrides === 'object' ? (overrides as Record<string, unknown>) : {};
  const rel = typeof map[volume] === 'string' ? (map[volume] as string) : volume === '/' ? '' : volume;
  return rel ? `${top}/${rel.replace(/^\/+/, '')}` : top;
}

/** `cfs whereis p1 p2…` keyed by the paths asked (one path: cfs prints no `<path>:` prefix). */
export function parseWhereis(text: string, paths: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const parsed = parseWhereisOutput(text);
  if (!parsed.ok) return out;
  if (paths.length === 1) {
    out.set(paths[0]!, parsed.value[0]?.hosts ?? []);
    return out;
  }
  for (const w of parsed.value) if (w.path !== undefined && paths.includes(w.path)) out.set(w.path, w.hosts);
  return out;
}

/** getvolinfo's answer when it is volume information; null for a bind or call failure or unreadable text. */
export function volInfoOf(text: string): VolInfo | null {
  const answer = parseGetVolInfo(text);
  return answer.ok && answer.value.kind === 'info' ? answer.value : null;
}
