// `--limit` as ansible-playbook takes it: a host pattern, or `@file` with one name per line. A name or group in
// it that matches nothing is a warning that names it (with the nearest real name); a limit that leaves no host
// at all is an error, worded as Ansible words it.
import { readFileSync } from 'node:fs';
import { matchPattern, namesFor } from './host-pattern.js';
import { suggestName } from './suggest-key.js';
import type { Inventory } from './types.js';

export const NO_HOSTS_MESSAGE = 'Specified hosts and/or --limit does not match any hosts';

export interface ResolvedLimit {
  /** The pattern to apply (a file's names joined with ','). */
  pattern: string;
  warnings: string[];
  /** Set when the limit selects no host of the inventory. */
  error?: string;
}

/** The pattern in `@file`: names one per line (or comma separated), `#` comments and blank lines skipped. */
function readLimitFile(path: string): string {
  return readFileSync(path, 'utf8').split(/\r?\n/).map((l) => l.replace(/#.*/, '').trim()).filter(Boolean).join(',');
}

export function resolveLimit(inv: Inventory, limit: string): ResolvedLimit {
  let pattern = limit;
  if (limit.startsWith('@')) {
    try {
      pattern = readLimitFile(limit.slice(1));
    } catch (err) {
      return { pattern: '', warnings: [], error: `cannot read the --limit file ${limit.slice(1)}: ${(err as Error).message}` };
    }
  }
  const known = [...inv.hosts.keys(), ...inv.groups.keys()];
  const warnings = pattern.split(/[:,]/).map((t) => t.trim().replace(/^[!&]/, '')).filter(Boolean)
    .filter((term) => namesFor(inv, term).size === 0)
    .map((term) => {
      const hint = term.includes('*') || term.includes('?') ? null : suggestName(term, known);
      return `Could not match supplied host pattern, ignoring: ${term}${hint ? ` (did you mean '${hint}'?)` : ''}`;
    });
  const error = matchPattern(inv, pattern).size === 0 ? NO_HOSTS_MESSAGE : undefined;
  return { pattern, warnings, error };
}
