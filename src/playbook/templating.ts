// Jinja-like templating with nunjucks (not hand-written): `{{ var }}` in strings, deeply through lists and maps.
// A string that is exactly one `{{ expr }}` yields the expression's own value (a list stays a list), as in
// Ansible. Undefined variables are errors that name the variable. Conditions are bare expressions.
import nunjucks from 'nunjucks';
import { addAnsibleFilters } from './filters.js';

// Jinja compatibility: True/False/None literals and list slices (`items[1:]`), as Ansible authors write them.
nunjucks.installJinjaCompat();
const env = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: true });
addAnsibleFilters(env);

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
    // `x is defined` / `x is not defined` / `x is undefined` ask exactly this question: let nunjucks answer it.
    if (/^\s+is\s+(not\s+)?(un)?defined\b/.test(stripped.slice(m.index + name.length))) continue;
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

/** Jinja truthiness, except that the words YAML and Ansible read as booleans keep their meaning. */
function truthy(v: unknown): boolean {
  if (typeof v !== 'string') return Array.isArray(v) ? v.length > 0 : Boolean(v);
  const word = v.trim().toLowerCase();
  if (['true', 'yes', 'on', '1'].includes(word)) return true;
  return !['', 'false', 'no', 'off', '0', 'none'].includes(word);
}

/** when / until / changed_when / failed_when: a bare expression (or one in braces), true or false. */
export function evalCondition(expr: string | boolean, vars: Record<string, unknown>): boolean {
  if (typeof expr === 'boolean') return expr;
  try {
    const whole = WHOLE.exec(expr)?.[1];
    // `{{ r.rc }} == 0` (templated pieces inside a bare expression): render first, then evaluate, as Ansible does.
    const inner = whole ?? (expr.includes('{{') ? env.renderString(expr, vars) : expr);
    return truthy(evalExpression(inner, vars));
  } catch (err) {
    throw new Error(`cannot evaluate condition ${JSON.stringify(expr)}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
