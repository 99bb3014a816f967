// copy and template: put content into a file (template renders it with the task's variables first).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { renderTemplate } from '../playbook/templating.js';
import type { ModuleDefinition } from './module.js';
import { applyEdit, parseMode, planEdit } from './file-edit.js';

const copySchema = z.object({ content: z.string(), dest: z.string().min(1), mode: z.union([z.string(), z.number()]).optional(), backup: z.boolean().default(false) }).strict();
const templateSchema = z.object({ src: z.string().optional(), content: z.string().optional(), dest: z.string().min(1), mode: z.union([z.string(), z.number()]).optional(), backup: z.boolean().default(false) }).strict();

export const copyModule: ModuleDefinition<typeof copySchema> = {
  name: 'copy',
  summary: 'Write the given content to a file (atomically; only when it differs)',
  schema: copySchema,
  checkModeSafe: true,
  probe: (ctx, a) => planEdit(ctx, a.dest, () => a.content, () => `${a.dest} has the content already`),
  apply: (ctx, a, plan) => applyEdit(ctx, plan, { backup: a.backup, mode: parseMode(a.mode) }),
};

export const templateModule: ModuleDefinition<typeof templateSchema> = {
  name: 'template',
  summary: 'Render a Jinja-like template (src file on the control node, or content) into a file on the host',
  schema: templateSchema,
  checkModeSafe: true,
  probe: (ctx, a) => {
    const text = a.content ?? (a.src ? readFileSync(a.src, 'utf8') : '');
    const rendered = renderTemplate(text, { ...ctx.vars });
    return planEdit(ctx, a.dest, () => rendered, () => `${a.dest} matches the template`);
  },
  apply: (ctx, a, plan) => applyEdit(ctx, plan, { backup: a.backup, mode: parseMode(a.mode) }),
};
