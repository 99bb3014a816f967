// debug: print a message (Ansible's debug module): `msg` is shown as the task's reason, e.g. the evidence
// report of the add-replica job. Never changes anything, so it runs in check mode too.
import { z } from 'zod';
import type { ModuleDefinition } from './module.js';

const schema = z.object({
  msg: z.unknown().optional(),
  var: z.string().optional(),
}).strict();

function show(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value, null, 2) ?? String(value);
}

export const debugModule: ModuleDefinition<typeof schema> = {
  name: 'debug',
  summary: 'Print a message or a variable (never changes anything)',
  schema,
  checkModeSafe: true,
  async probe(ctx, args) {
    const text = args.var !== undefined ? `${args.var} = ${show(ctx.vars[args.var])}` : show(args.msg ?? 'Hello world!');
    return { changes: [], reason: text, data: { msg: text } };
  },
  async apply() {
    return { changed: false, reason: 'debug changes nothing' };
  },
};
