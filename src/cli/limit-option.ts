// `--limit` for run and ping: resolve `@file`, warn about every name that matches nothing (with the nearest real
// one), and stop with exit 1 when the limit leaves no host, as ansible-playbook does.
import { resolveLimit } from '../inventory/limit.js';
import type { Inventory } from '../inventory/types.js';
import { CliError, EXIT } from './cli-error.js';

/** The pattern to hand the engine, or undefined for no limit; warnings go to stderr. */
export function applyLimitOption(inventory: Inventory, limit: string | undefined, stderr: NodeJS.WritableStream = process.stderr): string | undefined {
  if (limit === undefined) return undefined;
  const r = resolveLimit(inventory, limit);
  for (const w of r.warnings) stderr.write(`[WARNING]: ${w}\n`);
  if (r.error) throw new CliError(EXIT.error, r.error);
  return r.pattern;
}

/** Inventory warnings (a look-alike connection key, an unused group_vars file) as `file:line: warning: …`. */
export function printInventoryWarnings(inventory: Inventory, stderr: NodeJS.WritableStream = process.stderr): void {
  for (const w of inventory.warnings ?? []) stderr.write(`${w.file}:${w.line}: warning: ${w.message}\n`);
}
