// Running a command from a generic module: record it (masked, with output tails) in the task's result.
import type { ExecResult } from '../transport/transport.js';
import type { ModuleContext } from './module.js';

export function maskText(text: string, secrets: readonly string[]): string {
  return secrets.reduce((acc, s) => (s ? acc.split(s).join('********') : acc), text);
}

const tail = (text: string): string => text.split('\n').filter(Boolean).slice(-8).join('\n');

export async function runCommand(ctx: ModuleContext, command: string, options: { stdin?: string } = {}): Promise<ExecResult> {
  const started = Date.now();
  const result = await ctx.transport.exec(command, { timeoutMs: ctx.timeoutMs, stdin: options.stdin, secrets: ctx.secrets });
  ctx.commands.push({
    command: maskText(command, ctx.secrets),
    code: result.code,
    durationMs: Date.now() - started,
    startedAt: started,
    stdoutTail: maskText(tail(result.stdout), ctx.secrets),
    stderrTail: maskText(tail(result.stderr), ctx.secrets),
  });
  return result;
}
