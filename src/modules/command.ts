// command and shell: run something on the host. `creates`/`removes` make them idempotent (skip when the file
// already exists / is already gone), which is also the only way check mode can predict them.
import { z } from 'zod';
import { quoteShellArg, shellCommand } from '../util/quote.js';
import type { ModuleContext, ModuleDefinition, Plan } from './module.js';
import { exitMeaning } from './exit-meaning.js';
import { runCommand } from './run-command.js';

const base = {
  chdir: z.string().optional(),
  creates: z.string().optional(),
  removes: z.string().optional(),
  stdin: z.string().optional(),
  expect_rc: z.array(z.number().int()).default([0]),
};
const commandSchema = z.object({ cmd: z.union([z.string().min(1), z.array(z.string()).min(1)]), ...base }).strict();
const shellSchema = z.object({ cmd: z.string().min(1), ...base }).strict();
type Args = z.infer<typeof commandSchema>;

function lineOf(args: Args, viaShell: boolean): string {
  const text = Array.isArray(args.cmd) ? shellCommand(args.cmd) : viaShell ? args.cmd : shellCommand(args.cmd.trim().split(/\s+/));
  return args.chdir ? `cd ${quoteShellArg(args.chdir)} && ${text}` : text;
}

async function probe(ctx: ModuleContext, args: Args, viaShell: boolean): Promise<Plan> {
  const line = lineOf(args, viaShell);
  if (args.creates && (await ctx.transport.stat(args.creates)).exists) return { changes: [], reason: `${args.creates} exists` };
  if (args.removes && !(await ctx.transport.stat(args.removes)).exists) return { changes: [], reason: `${args.removes} does not exist` };
  return { changes: [`run: ${line}`], reason: `would run: ${line}` };
}

function make(name: 'command' | 'shell', schema: typeof commandSchema | typeof shellSchema, viaShell: boolean): ModuleDefinition {
  const def: ModuleDefinition<typeof commandSchema> = {
    name,
    summary: viaShell ? 'Run a shell command line on the host' : 'Run a command (arguments quoted, no shell features) on the host',
    schema: schema as typeof commandSchema,
    probe: (ctx, args) => probe(ctx, args, viaShell),
    async apply(ctx, args) {
      const line = lineOf(args, viaShell);
      const r = await runCommand(ctx, line, { stdin: args.stdin });
      const data = { rc: r.code, stdout: r.stdout, stderr: r.stderr, stdout_lines: r.stdout.split('\n').filter((l, i, a) => l || i < a.length - 1), stderr_lines: r.stderr.split('\n').filter(Boolean), cmd: line };
      if (r.code === null || !args.expect_rc.includes(r.code)) {
        return { changed: true, failed: true, reason: `${line}: ${exitMeaning(r.code, r.signal)}`, data, error: { message: `non-zero return code from ${line}`, exitMeaning: exitMeaning(r.code, r.signal), command: line, stderrTail: r.stderr.split('\n').filter(Boolean).slice(-5).join('\n') } };
      }
      return { changed: true, reason: `ran ${line}`, data };
    },
  };
  return def as unknown as ModuleDefinition;
}

export const commandModule = make('command', commandSchema, false);
export const shellModule = make('shell', shellSchema, true);
