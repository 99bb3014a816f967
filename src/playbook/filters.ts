// The Ansible filters and tests that playbook authors expect, on top of nunjucks' own (default, join, length,
// lower, upper, trim, first, last, sort, select, reject, sum, list…). Kept apart from the rendering logic.
import nunjucks from 'nunjucks';
import { quoteShellArg } from '../util/quote.js';

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const attrOf = (x: unknown, attr: string): unknown => attr.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), x);

/** Jinja tests by name, as selectattr/rejectattr and `is` take them (Ansible spells some of them differently). */
const TESTS: Record<string, (v: unknown, arg?: unknown) => boolean> = {
  defined: (v) => v !== undefined,
  undefined: (v) => v === undefined,
  none: (v) => v === null,
  truthy: (v) => Boolean(v),
  falsy: (v) => !v,
  equalto: (v, a) => v === a, '==': (v, a) => v === a, eq: (v, a) => v === a,
  ne: (v, a) => v !== a, '!=': (v, a) => v !== a,
  gt: (v, a) => Number(v) > Number(a), '>': (v, a) => Number(v) > Number(a),
  ge: (v, a) => Number(v) >= Number(a), '>=': (v, a) => Number(v) >= Number(a),
  lt: (v, a) => Number(v) < Number(a), '<': (v, a) => Number(v) < Number(a),
  le: (v, a) => Number(v) <= Number(a), '<=': (v, a) => Number(v) <= Number(a),
  in: (v, a) => (Array.isArray(a) || typeof a === 'string' ? a.includes(v as string) : false),
  contains: (v, a) => (Array.isArray(v) || typeof v === 'string' ? v.includes(a as string) : false),
  match: (v, a) => new RegExp(`^(?:${String(a)})`).test(String(v)),
  search: (v, a) => new RegExp(String(a)).test(String(v)),
  regex: (v, a) => new RegExp(String(a)).test(String(v)),
};

function testBy(name: string | undefined): (v: unknown, arg?: unknown) => boolean {
  if (name === undefined) return TESTS.truthy!;
  const test = TESTS[name];
  if (!test) throw new Error(`unknown test '${name}' (known: ${Object.keys(TESTS).join(', ')})`);
  return test;
}

export function addAnsibleFilters(env: nunjucks.Environment): void {
  env.addFilter('quote', (v: unknown) => quoteShellArg(String(v)));
  env.addFilter('bool', (v: unknown) => (typeof v === 'string' ? /^(true|yes|on|1)$/i.test(v.trim()) : Boolean(v)));
  env.addFilter('int', (v: unknown) => Number.parseInt(String(v), 10) || 0);
  env.addFilter('to_json', (v: unknown) => JSON.stringify(v));
  env.addFilter('from_json', (v: unknown) => JSON.parse(String(v)) as unknown);
  env.addFilter('basename', (v: unknown) => String(v).split('/').filter(Boolean).pop() ?? '');
  env.addFilter('dirname', (v: unknown) => String(v).replace(/\/[^/]*$/, '') || '/');
  env.addFilter('regex_search', (v: unknown, re: string) => new RegExp(re).exec(String(v))?.[0] ?? null);
  env.addFilter('regex_replace', (v: unknown, re: string, by = '') => String(v).replace(new RegExp(re, 'g'), by));
  env.addFilter('unique', (v: unknown) => [...new Set(asList(v))]);
  env.addFilter('difference', (v: unknown, other: unknown) => asList(v).filter((x) => !asList(other).includes(x)));
  env.addFilter('union', (v: unknown, other: unknown) => [...new Set([...asList(v), ...asList(other)])]);
  env.addFilter('intersect', (v: unknown, other: unknown) => [...new Set(asList(v))].filter((x) => asList(other).includes(x)));
  env.addFilter('min', (v: unknown) => asList(v).reduce((a, b) => ((b as number) < (a as number) ? b : a)));
  env.addFilter('max', (v: unknown) => asList(v).reduce((a, b) => ((b as number) > (a as number) ? b : a)));
  env.addFilter('map', (v: unknown, ...args: unknown[]) => {
    const opts = args.find((a) => a && typeof a === 'object') as { attribute?: string } | undefined;
    const attr = opts?.attribute ?? (args[0] === 'attribute' ? String(args[1]) : undefined);
    return attr ? asList(v).map((x) => attrOf(x, attr)) : asList(v);
  });
  // nunjucks' own selectattr/rejectattr take no test; Ansible's take one: selectattr('state', 'equalto', 'up').
  env.addFilter('selectattr', (v: unknown, attr: string, test?: string, arg?: unknown) => asList(v).filter((x) => testBy(test)(attrOf(x, attr), arg)));
  env.addFilter('rejectattr', (v: unknown, attr: string, test?: string, arg?: unknown) => asList(v).filter((x) => !testBy(test)(attrOf(x, attr), arg)));
  // addTest exists in nunjucks 3 but not in @types/nunjucks.
  const withTests = env as unknown as { addTest(name: string, test: (v: unknown, arg?: unknown) => boolean): void };
  for (const name of ['match', 'search', 'regex', 'contains', 'none', 'truthy', 'falsy']) withTests.addTest(name, TESTS[name]!);
}
