// Ansible host patterns: `all` or `*`, group and host names, globs, `a:b` or `a,b` (union), `a:!b` (except),
// `a:&b` (and). The result keeps inventory order.
import type { Inventory } from './types.js';

export function namesFor(inv: Inventory, term: string): Set<string> {
  if (term === 'all' || term === '*') return new Set(inv.hosts.keys());
  const group = inv.groups.get(term);
  if (group) return new Set(group);
  if (inv.hosts.has(term)) return new Set([term]);
  if (term.includes('*') || term.includes('?')) {
    const re = new RegExp(`^${term.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
    const out = new Set<string>();
    for (const [g, members] of inv.groups) if (re.test(g)) members.forEach((m) => out.add(m));
    for (const h of inv.hosts.keys()) if (re.test(h)) out.add(h);
    return out;
  }
  return new Set();
}

export function matchPattern(inv: Inventory, pattern: string): Set<string> {
  const terms = pattern.split(/[:,]/).map((t) => t.trim()).filter(Boolean);
  // A pattern of exclusions only (`!scm`) means every host but those, as in Ansible.
  let selected = terms.some((t) => !t.startsWith('!') && !t.startsWith('&')) ? new Set<string>() : new Set(inv.hosts.keys());
  for (const term of terms.filter((t) => !t.startsWith('!') && !t.startsWith('&'))) namesFor(inv, term).forEach((n) => selected.add(n));
  for (const term of terms.filter((t) => t.startsWith('&'))) {
    const keep = namesFor(inv, term.slice(1));
    selected = new Set([...selected].filter((n) => keep.has(n)));
  }
  for (const term of terms.filter((t) => t.startsWith('!'))) namesFor(inv, term.slice(1)).forEach((n) => selected.delete(n));
  return selected;
}

/** Hosts matching `pattern` (and `limit`, when given), in inventory order. */
export function selectHosts(inv: Inventory, pattern: string, limit?: string): string[] {
  const chosen = matchPattern(inv, pattern);
  const limited = limit ? matchPattern(inv, limit) : null;
  return [...inv.hosts.keys()].filter((h) => chosen.has(h) && (!limited || limited.has(h)));
}
