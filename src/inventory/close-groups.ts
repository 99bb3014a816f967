// Group membership as Ansible computes it: a child group's hosts belong to its parents too, every group hangs
// under `all`, and a host in no group but `all` is in `ungrouped`. A group's depth (all = 0, its children 1 …,
// the longest path) orders vars: parents before children, then by name.
import type { RawInventory } from './raw-inventory.js';

export interface ClosedGroups {
  /** Group -> every host in it or in its descendants (including all and ungrouped). */
  members: Map<string, Set<string>>;
  /** Host -> its groups but `all`, in the order groups appear in the inventory. */
  hostGroups: Map<string, string[]>;
  /** The host's groups but `all`, in var precedence order (depth, then name). */
  sortedGroups(host: string): string[];
}

export function closeGroups(raw: RawInventory): ClosedGroups {
  const parents = new Map<string, Set<string>>();
  for (const [g, group] of raw.groups) for (const c of group.children) (parents.get(c) ?? parents.set(c, new Set()).get(c)!).add(g);
  const depthMemo = new Map<string, number>();
  const depth = (g: string, seen = new Set<string>()): number => {
    if (g === 'all') return 0;
    if (depthMemo.has(g)) return depthMemo.get(g)!;
    if (seen.has(g)) return 1; // a cycle: Ansible refuses it; here it only must not loop
    seen.add(g);
    const d = 1 + Math.max(0, ...[...(parents.get(g) ?? [])].map((p) => depth(p, seen)));
    depthMemo.set(g, d);
    return d;
  };
  const members = new Map<string, Set<string>>();
  const collect = (g: string, seen = new Set<string>()): Set<string> => {
    if (members.has(g)) return members.get(g)!;
    const out = new Set(raw.groups.get(g)?.hosts ?? []);
    if (seen.has(g)) return out;
    seen.add(g);
    for (const c of raw.groups.get(g)?.children ?? []) collect(c, seen).forEach((h) => out.add(h));
    members.set(g, out);
    return out;
  };
  for (const g of raw.groups.keys()) collect(g);
  const hostGroups = new Map<string, string[]>();
  for (const h of raw.hosts.keys()) {
    const gs = [...members].filter(([g, m]) => g !== 'all' && g !== 'ungrouped' && m.has(h)).map(([g]) => g);
    hostGroups.set(h, gs.length ? gs : ['ungrouped']);
  }
  members.set('all', new Set(raw.hosts.keys()));
  members.set('ungrouped', new Set([...hostGroups].filter(([, gs]) => gs[0] === 'ungrouped').map(([h]) => h)));
  return {
    members, hostGroups,
    sortedGroups: (host) => [...hostGroups.get(host)!].sort((a, b) => depth(a) - depth(b) || a.localeCompare(b)),
  };
}
