// wait_for: poll, read-only, until a file exists (or holds a regex), or a TCP port answers from the host.
import { z } from 'zod';
import { quoteShellArg as q } from '../util/quote.js';
import type { ModuleContext, ModuleDefinition } from './module.js';
import { runCommand } from './run-command.js';

const schema = z.object({
  path: z.string().optional(),
  search_regex: z.string().optional(),
  host: z.string().default('127.0.0.1'),
  port: z.number().int().min(1).max(65535).optional(),
  state: z.enum(['present', 'absent', 'started', 'stopped']).default('present'),
  timeout: z.number().positive().default(30),
  delay: z.number().min(0).default(0),
  sleep: z.number().positive().default(0.5),
}).strict();
type Args = z.infer<typeof schema>;

async function seen(ctx: ModuleContext, a: Args): Promise<{ ok: boolean; what: string }> {
  if (a.port !== undefined) {
    const r = await runCommand(ctx, `timeout 2 bash -c ${q(`</dev/tcp/${a.host}/${a.port}`)} 2>/dev/null && echo open || echo closed`);
    const open = r.stdout.includes('open');
    return { ok: a.state === 'stopped' ? !open : open, what: `${a.host}:${a.port} ${open ? 'open' : 'closed'}` };
  }
  const data = await ctx.transport.readFile(a.path ?? '');
  if (a.state === 'absent') return { ok: data === null, what: `${a.path} ${data === null ? 'absent' : 'present'}` };
  if (data === null) return { ok: false, what: `${a.path} does not exist` };
  if (a.search_regex && !new RegExp(a.search_regex, 'm').test(data.toString('utf8'))) return { ok: false, what: `${a.path} has no line matching /${a.search_regex}/` };
  return { ok: true, what: `${a.path} present${a.search_regex ? ` and matches /${a.search_regex}/` : ''}` };
}

export const waitForModule: ModuleDefinition<typeof schema> = {
  name: 'wait_for',
  summary: 'Wait (read-only) for a file, a regex in a file, or a TCP port, up to a timeout',
  schema,
  checkModeSafe: true,
  async probe(ctx, a) {
    if (!a.path && a.port === undefined) throw new Error('wait_for needs path or port');
    await new Promise((r) => setTimeout(r, a.delay * 1000));
    const deadline = Date.now() + a.timeout * 1000;
    let last = await seen(ctx, a);
    while (!last.ok && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, a.sleep * 1000));
      last = await seen(ctx, a);
    }
    if (!last.ok) throw new Error(`timed out after ${a.timeout} s; last seen: ${last.what}`);
    return { changes: [], reason: last.what };
  },
  async apply() { return { changed: false, reason: 'wait_for changes nothing' }; },
};
