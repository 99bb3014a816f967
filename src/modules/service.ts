// service: start, stop or restart a daemon through the commands given, then wait until it is ready (a command
// that succeeds, or a regex in a file such as SrvLog's "File Server started").
import { z } from 'zod';
import type { ModuleContext, ModuleDefinition } from './module.js';
import { exitMeaning } from './exit-meaning.js';
import { runCommand } from './run-command.js';

const schema = z.object({
  name: z.string().min(1),
  state: z.enum(['started', 'stopped', 'restarted']).default('started'),
  start_command: z.string().optional(),
  stop_command: z.string().optional(),
  status_command: z.string().optional(),
  ready_command: z.string().optional(),
  ready_file: z.string().optional(),
  ready_regex: z.string().optional(),
  timeout: z.number().positive().default(60),
}).strict();
type Args = z.infer<typeof schema>;

async function running(ctx: ModuleContext, a: Args): Promise<boolean | null> {
  if (!a.status_command) return null;
  return (await runCommand(ctx, a.status_command)).code === 0;
}

async function waitReady(ctx: ModuleContext, a: Args): Promise<void> {
  const deadline = Date.now() + a.timeout * 1000;
  for (;;) {
    const ok = a.ready_command ? (await runCommand(ctx, a.ready_command)).code === 0
      : a.ready_file ? new RegExp(a.ready_regex ?? '.', 'm').test((await ctx.transport.readFile(a.ready_file))?.toString('utf8') ?? '')
      : true;
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${a.name} not ready after ${a.timeout} s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function must(ctx: ModuleContext, command: string | undefined, what: string): Promise<void> {
  if (!command) throw new Error(`service: ${what}_command is required for this state`);
  const r = await runCommand(ctx, command);
  if (r.code !== 0) throw new Error(`${command}: ${exitMeaning(r.code, r.signal)} ${r.stderr.trim()}`);
}

export const serviceModule: ModuleDefinition<typeof schema> = {
  name: 'service',
  summary: 'Start, stop or restart a named daemon with the given commands and wait until it is ready',
  schema,
  async probe(ctx, a) {
    const up = await running(ctx, a);
    if (a.state === 'restarted') return { changes: [`restart ${a.name}`], reason: `restart ${a.name}` };
    if (a.state === 'started' && up) return { changes: [], reason: `${a.name} is already running` };
    if (a.state === 'stopped' && up === false) return { changes: [], reason: `${a.name} is not running` };
    return { changes: [`${a.state === 'started' ? 'start' : 'stop'} ${a.name}`], reason: `${a.name} is ${up ? 'running' : up === false ? 'stopped' : 'in an unknown state'}` };
  },
  async apply(ctx, a) {
    try {
      if (a.state !== 'started') await must(ctx, a.stop_command, 'stop');
      if (a.state !== 'stopped') {
        await must(ctx, a.start_command, 'start');
        await waitReady(ctx, a);
      }
      return { changed: true, reason: `${a.name} ${a.state}` };
    } catch (err) {
      return { changed: true, failed: true, reason: (err as Error).message, error: { message: (err as Error).message } };
    }
  },
};
