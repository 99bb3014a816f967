// One module call on one host for one loop item: validate args → probe → (check: report the plan) → apply.
// Failures come back as outcomes, never as exceptions (DESIGN rule 2).
import type { ModuleContext, ModuleDefinition } from '../modules/module.js';
import type { SourceLocation } from '../playbook/types.js';
import type { ErrorInfo, FileDiff, TaskStatus } from './result.js';
import { errorInfoFrom, formatLocation, isUnreachable } from './task-errors.js';

export interface Outcome {
  status: TaskStatus;
  reason: string;
  diff: FileDiff[];
  data: Record<string, unknown>;
  error?: ErrorInfo;
}

export function failedOutcome(message: string, location?: SourceLocation, extra: Partial<ErrorInfo> = {}): Outcome {
  return { status: 'failed', reason: message, diff: [], data: {}, error: { message, location: formatLocation(location) || undefined, ...extra } };
}

function validate(def: ModuleDefinition, args: unknown, location: SourceLocation): { ok: true; value: unknown } | { ok: false; outcome: Outcome } {
  const parsed = def.schema.safeParse(args);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(args)'}: ${i.message}`).join('; ');
  return { ok: false, outcome: failedOutcome(`${formatLocation(location)}: invalid arguments for ${def.name} after templating: ${issues}`, location) };
}

/**
 * After a real change every cached fact may be stale, so the run store forgets them; what a module recorded as
 * evidence (keys `evidence:…`: what a server answered once nothing it serves could change any more) is kept for
 * later proofs, so verification need not ask the same question again.
 */
export function forgetFacts(store: Map<string, unknown> | undefined): void {
  for (const key of [...(store?.keys() ?? [])]) if (!key.startsWith('evidence:')) store!.delete(key);
}

export async function runModule(def: ModuleDefinition, mctx: ModuleContext, rawArgs: unknown, location: SourceLocation): Promise<Outcome> {
  const v = validate(def, rawArgs, location);
  if (!v.ok) return v.outcome;
  try {
    const plan = await def.probe(mctx, v.value);
    const data = { ...(plan.data ?? {}) };
    if (plan.changes.length === 0) return { status: 'ok', reason: plan.reason, diff: [], data };
    if (mctx.check) {
      if (!def.checkModeSafe) return { status: 'skipped', reason: `check mode: ${def.name} cannot predict its effect (would: ${plan.reason})`, diff: [], data };
      for (const change of plan.changes) mctx.commands.push({ command: change, code: null, durationMs: 0, planned: true });
      // Carry the predicted state to later tasks (DESIGN rule 12): the check recap then equals the run's.
      await def.predict?.(mctx, v.value, plan);
      return { status: 'changed', reason: plan.reason, diff: plan.diff ?? [], data };
    }
    const out = await def.apply(mctx, v.value, plan);
    // The host changed (or may have, when the apply failed part-way): every cached fact may be stale now, unless
    // the module, having succeeded, says which facts its change touched.
    if (out.changed && !out.failed && !out.error && def.learn) await def.learn(mctx, v.value, plan, out);
    else if (out.changed || out.failed || out.error) forgetFacts(mctx.runStore);
    const merged = { ...data, ...(out.data ?? {}) };
    if (out.failed || out.error) {
      const error: ErrorInfo = { message: out.error?.message ?? out.reason, ...out.error, location: formatLocation(location) || undefined };
      return { status: 'failed', reason: out.reason, diff: out.diff ?? [], data: merged, error };
    }
    return { status: out.changed ? 'changed' : 'ok', reason: out.reason, diff: out.diff ?? plan.diff ?? [], data: merged };
  } catch (err) {
    if (!mctx.check) forgetFacts(mctx.runStore);
    const error = errorInfoFrom(err, location);
    return { status: isUnreachable(err) ? 'unreachable' : 'failed', reason: error.message, diff: [], data: {}, error };
  }
}
