// stat and slurp: read-only looks at a file, for register.
import { z } from 'zod';
import type { ModuleDefinition } from './module.js';

const pathSchema = z.object({ path: z.string().min(1) }).strict();

export const statModule: ModuleDefinition<typeof pathSchema> = {
  name: 'stat',
  summary: 'Facts about a file: exists, size, mode, isdir (never changes anything)',
  schema: pathSchema,
  checkModeSafe: true,
  async probe(ctx, a) {
    const s = await ctx.transport.stat(a.path);
    const stat = { exists: s.exists, size: s.size ?? 0, mode: s.mode !== undefined ? s.mode.toString(8).padStart(4, '0') : null, isdir: s.isDirectory ?? false };
    return { changes: [], reason: s.exists ? `${a.path}: ${stat.size} bytes, mode ${stat.mode}` : `${a.path} does not exist`, data: { stat } };
  },
  async apply() { return { changed: false, reason: 'stat changes nothing' }; },
};

export const slurpModule: ModuleDefinition<typeof pathSchema> = {
  name: 'slurp',
  summary: 'Read a file (content base64 and text) for register',
  schema: pathSchema,
  checkModeSafe: true,
  async probe(ctx, a) {
    const data = await ctx.transport.readFile(a.path);
    if (!data) throw new Error(`slurp: ${a.path} does not exist`);
    return { changes: [], reason: `read ${data.length} bytes of ${a.path}`, data: { content: data.toString('base64'), text: data.toString('utf8'), encoding: 'base64', source: a.path } };
  },
  async apply() { return { changed: false, reason: 'slurp changes nothing' }; },
};
