// Running Coda tools on a host from a Coda module: every command is recorded (masked) in the task's result,
// and several commands can share one round trip (one exec channel), since round trips dominate run time.
import type { ModuleContext } from '../../modules/module.js';
import type { ExecResult, Transport } from '../../transport/transport.js';

export class CodaStepError extends Error {
  constructor(
    message: string,
    readonly detail: { command?: string; exitMeaning?: string; stderrTail?: string; hint?: string } = {},
  ) {
    super(message);
    this.name = 'CodaStepError';
  }
}

const tail = (text: string, lines = 6): string => text.split('\n').filter(Boolean).slice(-lines).join('\n');

function mask(ctx: ModuleContext, text: string): string {
  return ctx.secrets.reduce((acc, secret) => (secret ? acc.split(secret).join('********') : acc), text);
}

/** Record one command that ran on `transport` (masked), with its own exit status and output. */
export function recordRun(ctx: ModuleContext, command: string, result: ExecResult, transport: Transport, startedAt: number, durationMs: number): void {
  const where = transport.host === ctx.transport.host ? '' : `[${transport.host}] `;
  ctx.commands.push({
    command: mask(ctx, `${where}${command}`),
    code: result.code,
    durationMs,
    startedAt,
    stdoutTail: mask(ctx, tail(result.stdout)),
    stderrTail: mask(ctx, tail(result.stderr)),
  });
}

/** Run one command on `transport` (default: the task's host) and record it. Never throws on exit status. */
export async function runOn(ctx: ModuleContext, command: string, transport: Transport = ctx.transport, stdin?: string): Promise<ExecResult> {
  const started = Date.now();
  const result = await transport.exec(command, { timeoutMs: ctx.timeoutMs, stdin, secrets: ctx.secrets });
  recordRun(ctx, command, result, transport, started, Date.now() - started);
  return result;
}

/** Run and insist on exit 0; the error names the command, its exit status and the tool's last words. */
export async function runChecked(ctx: ModuleContext, command: string, transport: Transport = ctx.transport, stdin?: string): Promise<ExecResult> {
  return checkResult(ctx, command, await runOn(ctx, command, transport, stdin), transport);
}

/** runChecked's judgement of a result already in hand (e.g. a step of runSequence). */
export function checkResult(ctx: ModuleContext, command: string, result: ExecResult, transport: Transport = ctx.transport): ExecResult {
  if (result.code !== 0) {
    const words = tail(result.stderr || result.stdout, 3);
    throw new CodaStepError(`${command.split(' ')[0]} failed on ${transport.host}: ${words || `exit ${result.code}`}`, {
      command: mask(ctx, command),
      exitMeaning: result.code === null ? `killed by ${result.signal}` : `exit ${result.code}`,
      stderrTail: mask(ctx, tail(result.stderr)),
    });
  }
  return result;
}

export interface BatchPart {
  code: number;
  output: string;
}

/**
 * Several commands in one exec channel; each part gets its own exit status and its output (stdout and stderr
 * merged, in order). Commands run one after another; a failing one does not stop the rest.
 */
export async function runBatch(ctx: ModuleContext, commands: string[], transport: Transport = ctx.transport): Promise<BatchPart[]> {
  const parts: BatchPart[] = [];
  // sshd hands the command line to the shell as one argument, and Linux refuses an argument over 128 KiB
  // (MAX_ARG_STRLEN) with E2BIG before the shell starts: 1,000 create_reps in one line ran nothing. Past
  // BATCH_SCRIPT_BYTES the batch goes out in several round trips, still one after another.
  for (const chunk of scriptChunks(commands)) parts.push(...await runOneBatch(ctx, chunk, transport));
  return parts;
}

/**
 * Room for the batch's framing, the transport's timeout wrapper (which quotes the script again: each ' becomes
 * four bytes) and a become wrapper, well under the kernel's 128 KiB for one argument.
 */
export const BATCH_SCRIPT_BYTES = 24 * 1024;

/** Consecutive runs of `commands` whose joined length stays within BATCH_SCRIPT_BYTES (one command may exceed it alone). */
export function scriptChunks(commands: string[], limit = BATCH_SCRIPT_BYTES): string[][] {
  const chunks: string[][] = [];
  let size = 0;
  for (const c of commands) {
    const bytes = Buffer.byteLength(c) + 64;
    if (chunks.length === 0 || size + bytes > limit) { chunks.push([]); size = 0; }
    chunks.at(-1)!.push(c);
    size += bytes;
  }
  return chunks;
}

async function runOneBatch(ctx: ModuleContext, commands: string[], transport: Transport): Promise<BatchPart[]> {
  if (commands.length === 0) return [];
  const marker = `@@codaplay-${process.pid}-${Date.now()}`;
  const script = commands.map((c, i) => `{ ${c} ; } 2>&1; printf '\\n${marker} ${i} %d\\n' $?`).join('\n');
  const result = await runOn(ctx, script, transport);
  const parts: BatchPart[] = [];
  let rest = result.stdout;
  for (let i = 0; i < commands.length; i++) {
    const re = new RegExp(`\\n?${marker} ${i} (\\d+)\\n`);
    const m = re.exec(rest);
    if (!m) {
      // No marker: the shell never got this far (or never started, then its complaint is on stderr).
      parts.push({ code: result.code ?? 255, output: rest || result.stderr });
      rest = '';
      continue;
    }
    parts.push({ code: Number(m[1]), output: rest.slice(0, m.index) });
    rest = rest.slice(m.index + m[0].length);
  }
  return parts;
}

/** Turn a thrown CodaStepError (or anything) into the ApplyOutcome shape of a failed step. */
export function failureOf(err: unknown): { changed: boolean; failed: true; reason: string; error: { message: string; command?: string; exitMeaning?: string; stderrTail?: string; hint?: string } } {
  const message = err instanceof Error ? err.message : String(err);
  const detail = err instanceof CodaStepError ? err.detail : {};
  return { changed: false, failed: true, reason: message, error: { message, ...detail } };
}

/**
 * Like runBatch, but spread over `lanes` exec channels at once on the same connection (results in the order of
 * `commands`). Coda serves calls to one server concurrently (codasrv has two volutil workers and several LWPs for
 * getvolinfo), so independent calls need not queue behind each other; keep `lanes` within what the server serves
 * and within OpenSSH's session limit (MaxSessions 10, DESIGN: at most ~8 channels per host).
 */
export async function runLanes(ctx: ModuleContext, commands: string[], lanes: number, transport: Transport = ctx.transport): Promise<BatchPart[]> {
  const width = Math.max(1, Math.min(lanes, commands.length));
  if (width <= 1) return runBatch(ctx, commands, transport);
  const chunks: number[][] = Array.from({ length: width }, () => []);
  commands.forEach((_, i) => chunks[i % width]!.push(i));
  const outs = await Promise.all(chunks.map((idx) => runBatch(ctx, idx.map((i) => commands[i]!), transport)));
  const parts: BatchPart[] = new Array<BatchPart>(commands.length);
  chunks.forEach((idx, lane) => idx.forEach((i, k) => { parts[i] = outs[lane]![k]!; }));
  return parts;
}
