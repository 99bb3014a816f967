// Does the job scale flat? From the bench rows: for cells that differ in one dimension only (volumes, or
// clients), the run's time per unit (wall ÷ volumes, wall ÷ clients) at the smallest and the largest size, the
// marginal time of each added unit, and whether the time per added unit stays within 20 % across the range
// (issue 11: from 100 to 1,000 volumes and 10 to 50 clients). Pure; prints nothing; asserts nothing about time.
import type { CellSize } from './add-replica.js';

export interface BenchRow { size: CellSize; runMs: number; ok: boolean }

const TOLERANCE = 0.2;
type Dim = 'volumes' | 'clients';

function others(s: CellSize, dim: Dim): string {
  return dim === 'volumes' ? `${s.newServers} new, ${s.clients} cl` : `${s.volumes} vol, ${s.newServers} new`;
}

/**
 * One line per group of rows that vary only in `dim` (3 or more sizes give two marginal slopes to compare; with
 * two sizes the time per unit at each end is compared instead, which fixed costs make look worse than it is).
 */
export function flatnessLines(rows: BenchRow[]): string[] {
  const lines: string[] = [];
  for (const dim of ['volumes', 'clients'] as const) {
    const groups = new Map<string, BenchRow[]>();
    for (const r of rows.filter((x) => x.ok)) groups.set(others(r.size, dim), [...(groups.get(others(r.size, dim)) ?? []), r]);
    for (const [key, group] of groups) {
      const g = [...new Map(group.map((r) => [r.size[dim], r])).values()].sort((a, b) => a.size[dim] - b.size[dim]);
      if (g.length < 2) continue;
      const unit = dim === 'volumes' ? 'vol' : 'client';
      const per = g.map((r) => `${r.size[dim]} ${unit}: ${(r.runMs / r.size[dim] / 1000).toFixed(3)} s/${unit}`).join(', ');
      const slopes = g.slice(1).map((r, i) => ({ from: g[i]!.size[dim], to: r.size[dim], ms: (r.runMs - g[i]!.runMs) / (r.size[dim] - g[i]!.size[dim]) }));
      const marg = slopes.map((x) => `${x.from}→${x.to}: ${(x.ms / 1000).toFixed(3)} s`).join(', ');
      const [a, b] = slopes.length >= 2 ? [slopes.at(-2)!.ms, slopes.at(-1)!.ms] : [g[0]!.runMs / g[0]!.size[dim], g.at(-1)!.runMs / g.at(-1)!.size[dim]];
      const ratio = b / a;
      const verdict = Math.abs(ratio - 1) <= TOLERANCE ? 'flat (within 20 %)' : ratio > 1 ? 'NOT flat: grows' : 'falls (fixed costs spread thinner)';
      const what = slopes.length >= 2 ? 'last two marginals' : `wall/${unit} at ${g.at(-1)!.size[dim]} vs ${g[0]!.size[dim]}`;
      lines.push(`per ${unit} (${key}): ${per}; marginal per added ${unit} ${marg}; ${what}: ${ratio.toFixed(2)}× — ${verdict}`);
    }
  }
  return lines;
}
