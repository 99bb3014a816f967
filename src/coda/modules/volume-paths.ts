// Where a volume appears under a client's mount point. The root volume `/` is the realm's top; by convention
// (and in the lab) a volume is mounted at /<realm>/<volume>; `volume_paths` in the inventory overrides it.
import type { CodaHostPaths } from './coda-vars.js';

export function volumePath(paths: CodaHostPaths, volume: string, overrides: unknown): string {
  const top = `${paths.mountpoint}/${paths.realm}`;
  const map = overrides && typeof overrides === 'object' ? (overrides as Record<string, unknown>) : {};
  const rel = typeof map[volume] === 'string' ? (map[volume] as string) : volume === '/' ? '' : volume;
  return rel ? `${top}/${rel.replace(/^\/+/, '')}` : top;
}

/** `cfs whereis p1 p2…`: one line per path; with more than one path each line starts `  <path>:  `. */
export function parseWhereis(text: string, paths: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const lines = text.split('\n').filter((l) => l.trim());
  if (paths.length === 1) {
    out.set(paths[0]!, (lines[0] ?? '').trim().split(/\s+/).filter(Boolean));
    return out;
  }
  for (const line of lines) {
    const m = /^\s*(.+?):\s+(.*)$/.exec(line);
    if (m && paths.includes(m[1]!)) out.set(m[1]!, m[2]!.trim().split(/\s+/).filter(Boolean));
  }
  return out;
}
