// Ansible's PLAY RECAP: one line per host with its counters.
import type { HostStats } from '../engine/result.js';

export function banner(title: string, width = 79): string {
  return `${title} ${'*'.repeat(Math.max(3, width - title.length - 1))}`;
}

export function recapLines(stats: Record<string, HostStats>): string[] {
  const names = Object.keys(stats);
  const width = Math.max(0, ...names.map((n) => n.length));
  return names.map((n) => {
    const s = stats[n]!;
    return `${n.padEnd(width)} : ok=${s.ok} changed=${s.changed} unreachable=${s.unreachable} failed=${s.failed} skipped=${s.skipped} rescued=${s.rescued} ignored=${s.ignored}`;
  });
}

export function renderRecap(stats: Record<string, HostStats>): string {
  return [banner('PLAY RECAP'), ...recapLines(stats), ''].join('\n');
}
