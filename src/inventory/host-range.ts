// Ansible's host ranges in inventory names: `web[01:03]` -> web01 web02 web03 (the width of the start is kept),
// `db-[a:c]` -> db-a db-b db-c, `[1:9:2]` with a stride; several ranges in one name multiply.

const RANGE = /\[([0-9a-zA-Z]+):([0-9a-zA-Z]+)(?::(\d+))?\]/;

/** Every name the pattern stands for, or an error message for a range Ansible would reject too. */
export function expandHostRange(pattern: string): string[] | string {
  const m = RANGE.exec(pattern);
  if (!m) return [pattern];
  const [whole, from, to, stepText] = m as unknown as [string, string, string, string | undefined];
  const step = stepText === undefined ? 1 : Number(stepText);
  if (step < 1) return `range ${whole}: the stride must be at least 1`;
  const head = pattern.slice(0, m.index);
  const tails = expandHostRange(pattern.slice(m.index + whole.length));
  if (typeof tails === 'string') return tails;
  const items: string[] = [];
  if (/^\d+$/.test(from) && /^\d+$/.test(to)) {
    const width = from.length;
    for (let i = Number(from); i <= Number(to); i += step) items.push(String(i).padStart(width, '0'));
  } else if (/^[a-zA-Z]$/.test(from) && /^[a-zA-Z]$/.test(to)) {
    for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c += step) items.push(String.fromCharCode(c));
  } else return `range ${whole}: expected numbers ([01:10]) or single letters ([a:f])`;
  if (items.length === 0) return `range ${whole}: the start is after the end`;
  return items.flatMap((i) => tails.map((t) => `${head}${i}${t}`));
}
