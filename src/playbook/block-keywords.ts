// A block's own keywords and what its tasks inherit from it. As in Ansible, a block's when/tags/become apply
// to every task inside (rescue and always included): the loader merges them into each task, so the engine
// only ever sees tasks with their full conditions, tags and become.
import { z } from 'zod';
import type { Task } from './types.js';

export const BLOCK_KEYS = new Set(['name', 'block', 'rescue', 'always', 'when', 'tags', 'become']);

const condition = z.union([z.string(), z.boolean()]);
const section = z.array(z.unknown());

const blockSchema = z.object({
  name: z.string().optional(),
  block: section,
  rescue: section.optional(),
  always: section.optional(),
  when: z.union([condition, z.array(condition)]).optional(),
  tags: z.union([z.string(), z.array(z.string())]).optional(),
  become: z.boolean().optional(),
}).passthrough();

export interface Inherited {
  when: (string | boolean)[];
  tags: string[];
  /** Undefined: nothing above said; the host's ansible_become decides. */
  become: boolean | undefined;
}

export const NO_INHERIT: Inherited = { when: [], tags: [], become: undefined };

export function asTags(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : [];
}

const conditionList = (v: unknown): (string | boolean)[] => (v === undefined || v === null ? [] : Array.isArray(v) ? (v as (string | boolean)[]) : [v as string | boolean]);

/** Problems with a block's keywords as [keyword, message] pairs. */
export function checkBlockKeywords(node: Record<string, unknown>): [string, string][] {
  const result = blockSchema.safeParse(node);
  if (result.success) return [];
  return result.error.issues.map((i) => [String(i.path[0] ?? 'block'), `'${i.path.join('.')}': ${i.message}`]);
}

/** What the tasks of this block inherit: the outer blocks' keywords plus this block's. */
export function inheritFrom(outer: Inherited, node: Record<string, unknown>): Inherited {
  return {
    when: [...outer.when, ...conditionList(node.when)],
    tags: [...new Set([...outer.tags, ...asTags(node.tags)])],
    become: typeof node.become === 'boolean' ? node.become : outer.become,
  };
}

/** A task with its enclosing blocks' keywords merged in (outer conditions first, as Ansible evaluates them). */
export function withInherited(inherit: Inherited, task: Task): Task {
  if (inherit === NO_INHERIT) return task;
  const when = [...inherit.when, ...conditionList(task.when)];
  return {
    ...task,
    when: when.length ? (when as string[]) : undefined,
    tags: [...new Set([...inherit.tags, ...task.tags])],
    become: task.become ?? inherit.become,
  };
}
