// File edits are computed in TypeScript, never with sed (DESIGN rule 4): read byte-exact, compute the new
// text with a pure function, and write (temp, fsync, rename; optional backup) only when it differs.
import type { ApplyOutcome, ModuleContext, Plan } from './module.js';

export interface EditPlanState {
  path: string;
  before: string | null;
  after: string;
}

export async function planEdit(ctx: ModuleContext, path: string, compute: (before: string | null) => string | null, okReason: (before: string | null) => string): Promise<Plan> {
  const before = (await ctx.transport.readFile(path))?.toString('utf8') ?? null;
  const after = compute(before);
  if (after === null || after === before) return { changes: [], reason: okReason(before) };
  return {
    changes: [`${before === null ? 'create' : 'edit'} ${path}`],
    reason: `${before === null ? 'would create' : 'would change'} ${path}`,
    diff: [{ path, before: before ?? '', after }],
    state: { path, before, after } satisfies EditPlanState,
  };
}

export async function applyEdit(ctx: ModuleContext, plan: Plan, options: { backup?: boolean; mode?: number } = {}): Promise<ApplyOutcome> {
  const s = plan.state as EditPlanState;
  const { backupPath } = await ctx.transport.writeFileAtomic(s.path, s.after, { backup: options.backup, mode: options.mode });
  return { changed: true, reason: `${s.before === null ? 'created' : 'changed'} ${s.path}${backupPath ? ` (backup ${backupPath})` : ''}`, diff: [{ path: s.path, before: s.before ?? '', after: s.after, backupPath }] };
}

export function parseMode(mode: string | number | undefined): number | undefined {
  if (mode === undefined) return undefined;
  return typeof mode === 'number' ? mode : Number.parseInt(mode, 8);
}
