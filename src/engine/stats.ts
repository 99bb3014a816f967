// Recap counters are plain data (DESIGN rule 2), counted like Ansible's AggregateStats: a changed task counts in
// `ok` and in `changed`; an ignored failure counts in `ok` and `ignored`.
import { emptyStats, type HostStats, type TaskResult } from './result.js';

export const EXIT = { ok: 0, error: 1, hostFailed: 2, unreachable: 4, badOptions: 5, interrupted: 99, unexpected: 250 } as const;

export function countResult(stats: Record<string, HostStats>, r: TaskResult): void {
  const s = (stats[r.host] ??= emptyStats());
  switch (r.status) {
    case 'ok': s.ok++; break;
    case 'changed': s.ok++; s.changed++; break;
    case 'skipped': s.skipped++; break;
    case 'unreachable': s.unreachable++; break;
    case 'failed':
      if (r.ignored) { s.ok++; s.ignored++; } else s.failed++;
      break;
  }
}

/** ansible-playbook's rule: any unreachable host → 4, else any failed host → 2. */
export function exitCodeFor(stats: Record<string, HostStats>, interrupted: boolean): number {
  if (interrupted) return EXIT.interrupted;
  const all = Object.values(stats);
  if (all.some((s) => s.unreachable > 0)) return EXIT.unreachable;
  if (all.some((s) => s.failed > 0)) return EXIT.hostFailed;
  return EXIT.ok;
}
