// assert: every condition must hold (bare expressions over the task's variables), else the task fails.
import { z } from 'zod';
import { evalCondition } from '../playbook/templating.js';
import type { ModuleDefinition } from './module.js';

const schema = z.object({
  that: z.union([z.string(), z.boolean(), z.array(z.union([z.string(), z.boolean()]))]),
  fail_msg: z.string().optional(),
  success_msg: z.string().optional(),
}).strict();

export const assertModule: ModuleDefinition<typeof schema> = {
  name: 'assert',
  summary: 'Fail unless every condition in `that` holds',
  schema,
  checkModeSafe: true,
  async probe(ctx, a) {
    const conditions = Array.isArray(a.that) ? a.that : [a.that];
    const failed = conditions.filter((c) => !evalCondition(c, { ...ctx.vars }));
    if (failed.length) throw new Error(a.fail_msg ?? `assertion failed: ${failed.map(String).join('; ')}`);
    return { changes: [], reason: a.success_msg ?? `all ${conditions.length} assertion(s) passed` };
  },
  async apply() { return { changed: false, reason: 'assert changes nothing' }; },
};
