// Keeping the output readable on a big cell (issue 11: 1,000 volumes, 50 clients). Two rules, shared by the plain
// and the listr2 renderers; --json is never summarised (it keeps every host and every row):
//
// - A task's skipped hosts that share a reason are ONE line once there are more than SKIP_LIST_MAX of them:
//   `skipping: [scm, new1, client[1:48]] (50 hosts) when was false: 'clients' in group_names`. Up to
//   SKIP_LIST_MAX hosts keep Ansible's line per host; -v (any verbosity) prints a line per host, as Ansible does.
//   Numbered hosts are written as Ansible's inventory ranges (`client[1:48]`), which an Ansible user reads at a
//   glance. The play recap keeps one line per host, as ansible-playbook's does.
// - A result's text (a reason, an error, the evidence report) longer than MAX_RESULT_LINES shows its first lines
//   and how many more there are; the full text is in --json.

/** More skipped hosts than this with one reason: one summary line. */
export const SKIP_LIST_MAX = 3;
/** Lines of one result shown before the rest is counted instead. */
export const MAX_RESULT_LINES = 60;
/** Items of a host list shown before the rest is elided. */
const MAX_LIST_ITEMS = 8;

interface Numbered { head: string; num: string; tail: string }

function numbered(name: string): Numbered | null {
  const m = /^(.*?)(\d+)(\D*)$/.exec(name);
  return m ? { head: m[1]!, num: m[2]!, tail: m[3]! } : null;
}

/** `b` continues the run ending in `a`: same head and tail, next number, same zero-padded width if padded. */
function follows(a: Numbered, b: Numbered): boolean {
  if (a.head !== b.head || a.tail !== b.tail || Number(b.num) !== Number(a.num) + 1) return false;
  const padded = (n: string): boolean => n.length > 1 && n.startsWith('0');
  return padded(a.num) || padded(b.num) ? a.num.length === b.num.length : true;
}

/**
 * Host names as few items as they can be: runs of three or more consecutive numbered names become an Ansible
 * range (`client[1:50]`, `web[01:12]`), in the order given; past MAX_LIST_ITEMS items the middle is elided.
 */
export function compactHosts(names: readonly string[]): string {
  const items: string[] = [];
  for (let i = 0; i < names.length;) {
    const first = numbered(names[i]!);
    let j = i + 1;
    if (first) {
      let last = first;
      while (j < names.length) {
        const next = numbered(names[j]!);
        if (!next || !follows(last, next)) break;
        last = next;
        j++;
      }
    }
    if (first && j - i >= 3) {
      items.push(`${first.head}[${first.num}:${numbered(names[j - 1]!)!.num}]${first.tail}`);
    } else {
      j = i + 1;
      items.push(names[i]!);
    }
    i = j;
  }
  if (items.length <= MAX_LIST_ITEMS) return items.join(', ');
  return [...items.slice(0, MAX_LIST_ITEMS - 2), '…', items.at(-1)!].join(', ');
}

export interface SkipGroup {
  reason: string;
  hosts: string[];
}

/** Skipped hosts grouped by reason, in the order each reason first appeared. */
export function groupSkips(skips: readonly { host: string; reason: string }[]): SkipGroup[] {
  const groups = new Map<string, string[]>();
  for (const s of skips) groups.set(s.reason, [...(groups.get(s.reason) ?? []), s.host]);
  return [...groups].map(([reason, hosts]) => ({ reason, hosts }));
}

/** One group's summary line, without the `skipping: ` prefix: `[client[1:50]] (50 hosts) reason`. */
export function skipSummary(g: SkipGroup): string {
  return `[${compactHosts(g.hosts)}] (${hostCount(g.hosts.length)}) ${g.reason}`;
}

export const hostCount = (n: number): string => `${n} host${n === 1 ? '' : 's'}`;

/** The text cut to its first MAX_RESULT_LINES lines, with a last line that says how many more there are. */
export function capLines(text: string, max = MAX_RESULT_LINES): string {
  const lines = text.split('\n');
  if (lines.length <= max) return text;
  const shown = max - 1;
  return [...lines.slice(0, shown), `… ${lines.length - shown} more line(s) (--json has the whole text)`].join('\n');
}
