// Jinja-like templating with nunjucks (not hand-written): `{{ var }}` in strings, deeply through lists and maps.
// A string that is exactly one `{{ expr }}` yields the expression's own value (a list stays a list), as in
// Ansible. Undefined variables are errors that name the variable. Conditions are bare expressions.
import nunjucks from 'nunjucks';
import { quoteShellArg } from '../util/quote.js';

const env = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: true });
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
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
env.addFilter('map', (v: unknown, ...args: unknown[]) => {
  const opts = args.find((a) => a && typeof a === 'object') as { attribute?: string } | undefined;
  const attr = opts?.attribute ?? (args[0] === 'attribute' ? String(args[1]) : undefined);
  return attr ? asList(v).map((x) => (x as Record<string, unknown>)?.[attr]) : asList(v);
});

const WHOLE = /^\s*\{\{([\s\S]*?)\}\}\s*$/;

function renderString(text: string, vars: Record<string, unknown>): unknown {
  if (!text.includes('{{') && !text.includes('{%')) return text;
  try {
    const whole = WHOLE.exec(text);
    if (whole && !whole[1]!.includes('}}')) return evalExpression(whole[1]!, vars);
    return env.renderString(text, vars);
  } catch (err) {
    throw new Error(templateMessage(err, text));
  }
}

function templateMessage(err: unknown, text: string): string {
  const message = err instanceof Error ? err.message : String(err);
  const undef = /attempted to output null or undefined value/i.test(message) ? ` (an undefined variable in ${JSON.stringify(text)})` : '';
  return `template error in ${JSON.stringify(text)}: ${message.replace(/\s+/g, ' ').trim()}${undef}`;
}

/** Evaluate a Jinja expression to its own value through a tiny nunjucks program. */
function evalExpression(expr: string, vars: Record<string, unknown>): unknown {
  let out: unknown;
  const ctx = { ...vars, __capture: (v: unknown) => { out = v; return ''; } };
  checkDefined(expr, vars);
  env.renderString(`{{ __capture(${expr}) }}`, ctx);
  return out;
}

/** Names used at the top level of an expression must exist (nunjucks would quietly pass undefined to a call). */
function checkDefined(expr: string, vars: Record<string, unknown>): void {
  const stripped = expr.replace(/(['"])(?:\\.|(?!\1).)*\1/g, '""').replace(/\|\s*\w+/g, '').replace(/\.\s*\w+/g, '');
  const defaulted = /\|\s*default\b/.test(expr);
  for (const m of stripped.matchAll(/(?<![\w.])([A-Za-z_]\w*)(?![\w(]|\s*\(|\s*=(?!=))/g)) {
    const name = m[1]!;
    if (['and', 'or', 'not', 'in', 'is', 'true', 'false', 'True', 'False', 'none', 'None', 'if', 'else', 'defined', 'undefined', 'attribute'].includes(name)) continue;
    if (!(name in vars) && !defaulted) throw new Error(`'${name}' is undefined`);
  }
}

export function renderValue(value: unknown, vars: Record<string, unknown>): unknown {
  if (typeof value === 'string') return renderString(value, vars);
  if (Array.isArray(value)) return value.map((v) => renderValue(v, vars));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderValue(v, vars)]));
  return value;
}

/** Render a whole template text (the template module). */
export function renderTemplate(text: string, vars: Record<string, unknown>): string {
  try {
    return env.renderString(text, vars);
  } catch (err) {
    throw new Error(templateMessage(err, text.slice(0, 60)));
  }
}

/** when / until / changed_when / failed_when: a bare expression (or one in braces), true or false. */
export function evalCondition(expr: string | boolean, vars: Record<string, unknown>): boolean {
  if (typeof expr === 'boolean') return expr;
  const inner = WHOLE.exec(expr)?.[1] ?? expr;
  try {
    const v = evalExpression(inner, vars);
    if (typeof v === 'string') return /^(true|yes|on|1)$/i.test(v.trim());
    return Boolean(v);
  } catch (err) {
    throw new Error(`cannot evaluate condition ${JSON.stringify(expr)}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
