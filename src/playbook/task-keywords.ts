// The types of a task's own keywords (everything but the module): a wrong type is a load-time error with the
// keyword's line, like a wrong module argument. Conditions and loops may be templates; numbers and flags
// must be literal, because the engine reads them before it renders anything.
import { z } from 'zod';

const condition = z.union([z.string(), z.boolean()]);
const conditions = z.union([condition, z.array(condition)]);
const seconds = z.number().nonnegative();
const flag = z.boolean();

export const taskKeywordsSchema = z.object({
  name: z.string().optional(),
  when: conditions.optional(),
  register: z.string().regex(/^[A-Za-z_]\w*$/, 'expected a variable name').optional(),
  loop: z.union([z.array(z.unknown()), z.string()]).optional(),
  with_items: z.union([z.array(z.unknown()), z.string()]).optional(),
  loop_control: z.object({ loop_var: z.string().regex(/^[A-Za-z_]\w*$/, 'expected a variable name').optional(), label: z.string().optional() }).strict().optional(),
  retries: seconds.optional(),
  delay: seconds.optional(),
  timeout: seconds.optional(),
  until: z.string().optional(),
  changed_when: conditions.optional(),
  failed_when: conditions.optional(),
  ignore_errors: flag.optional(),
  become: flag.optional(),
  run_once: flag.optional(),
  no_log: flag.optional(),
  tags: z.union([z.string(), z.array(z.string())]).optional(),
  delegate_to: z.string().optional(),
  notify: z.union([z.string(), z.array(z.string())]).optional(),
  listen: z.union([z.string(), z.array(z.string())]).optional(),
  throttle: z.number().int().positive().optional(),
  vars: z.record(z.string(), z.unknown()).optional(),
});

/** Problems with a task's keywords as [keyword, message] pairs. */
export function checkTaskKeywords(keywords: Record<string, unknown>): [string, string][] {
  const result = taskKeywordsSchema.safeParse(keywords);
  if (result.success) return [];
  return result.error.issues.map((i) => [String(i.path[0] ?? 'name'), `'${i.path.join('.')}': ${i.message}`]);
}
