// coda_server: keep a codasrv running with the servers file it has on disk. Every server reads
// /vice/db/servers only at start-up (REFERENCE §2), so a server whose servers file changed after it started
// must be restarted: `volutil shutdown`, wait for the process to go, `startserver`, wait for
// `File Server started`, then read SrvErr. Plays restart servers one at a time (serial: 1).
import { z } from 'zod';
import type { ModuleContext, ModuleDefinition } from '../../modules/module.js';
import { quoteShellArg as q } from '../../util/quote.js';
import { CodaStepError, checkResult, failureOf, runOn } from './coda-command.js';
import { runSequence } from './coda-sequence.js';
import { codaPathsOf } from './coda-vars.js';
import { journalOnScm, journalWritten } from './journal.js';
import { Cell, codasrvFromProbe, codasrvProbeScript } from '../model/cell.js';
import { afterStart, type CodasrvFact } from '../model/facts.js';

const schema = z.object({
  vicedir: z.string().optional(),
  /** current: start if stopped, restart if the servers file changed since start. started: only start. restarted: always. */
  state: z.enum(['current', 'started', 'restarted']).default('current'),
  /** Seconds to wait for the old process to exit and for `File Server started`. */
  wait_seconds: z.number().int().positive().default(60),
}).strict();

async function probeServer(ctx: ModuleContext, vicedir: string): Promise<CodasrvFact> {
  return codasrvFromProbe((await runOn(ctx, codasrvProbeScript(vicedir))).stdout);
}

// Polled every 20 ms: codasrv is gone 9–134 ms after `volutil shutdown` returns (OBSERVED, corrections), so a
// coarser poll would add most of its period to every restart.
function waitLoop(condition: string, seconds: number, what: string): string {
  return `i=0; while ${condition}; do i=$((i+1)); if [ $i -gt ${seconds * 50} ]; then echo ${q(`timed out after ${seconds} s waiting for ${what}`)} >&2; exit 124; fi; sleep 0.02; done`;
}

/**
 * True while `pid` runs. An exited codasrv stays a zombie until its parent (init) reaps it, and kill -0 still
 * succeeds on a zombie; /proc says Z then (where there is no /proc, kill -0 alone decides).
 */
function runningCondition(pid: number): string {
  return `kill -0 ${pid} 2>/dev/null && ! grep -q '^[0-9]* (.*) Z' /proc/${pid}/stat 2>/dev/null`;
}

/** Exit status of the start script when `File Server started` did not appear in time (the wait loop's). */
const WAIT_TIMED_OUT = 124;

/**
 * startserver, then the wait for `File Server started`, then the probe of the new process, in one round trip;
 * on a failure, SrvLog's last lines say why.
 */
async function startServer(ctx: ModuleContext, vicedir: string, waitSeconds: number, shutdown?: string): Promise<{ srvErr: string; after: CodasrvFact }> {
  const srvLog = `${vicedir}/srv/SrvLog`;
  const wait = waitLoop(`! grep -q 'File Server started' ${q(srvLog)} 2>/dev/null`, waitSeconds, 'File Server started');
  const command = `startserver || exit $?\n${wait}\n${codasrvProbeScript(vicedir)}`;
  // A restart: the shutdown (and its wait) and the start share one round trip; the start runs only when the
  // shutdown step succeeded, as before. Restarts are one server after another, so each round trip counts.
  const steps = [...(shutdown ? [shutdown] : []), command];
  const ran = await runSequence(ctx, steps.map((c) => ({ command: c, subshell: true })));
  if (shutdown) checkResult(ctx, shutdown, ran[0] ?? await runOn(ctx, shutdown));
  const start = ran[steps.length - 1] ?? await runOn(ctx, command);
  if (start.code === WAIT_TIMED_OUT) throw new CodaStepError(`codasrv on ${ctx.host.name} did not print File Server started: ${start.stderr.trim()}`, { command: 'startserver', stderrTail: start.stderr.trim() });
  if (start.code !== 0) {
    const log = (await ctx.transport.readFile(srvLog))?.toString('utf8') ?? '';
    const lastLines = log.split('\n').filter(Boolean).slice(-4).join('\n');
    throw new CodaStepError(`startserver failed on ${ctx.host.name} (exit ${start.code}): ${lastLines || start.stderr.trim()}`, {
      command: 'startserver',
      stderrTail: `${start.stderr}\n${lastLines}`.trim(),
    });
  }
  const srvErr = (await ctx.transport.readFile(`${vicedir}/srv/SrvErr`))?.toString('utf8').trim() ?? '';
  return { srvErr, after: codasrvFromProbe(start.stdout) };
}

export const codaServer: ModuleDefinition<typeof schema> = {
  name: 'coda_server',
  summary: 'Start codasrv, or restart it when its servers file changed since it started (waits for File Server started, checks SrvErr)',
  schema,
  checkModeSafe: true,
  async probe(ctx, args) {
    const vicedir = args.vicedir ?? codaPathsOf(ctx.host.name, ctx.vars).vicedir;
    // The model's fact: read once (preflight's survey already holds it), or predicted by an earlier task of --check.
    const s = args.vicedir ? await probeServer(ctx, vicedir) : await Cell.of(ctx).codasrv(ctx.host.name);
    const data = { pid: s.pid, running: s.running };
    const what = s.predicted && s.pid === null ? 'codasrv (started earlier in this run)' : `codasrv ${s.pid}`;
    if (!s.running) return { changes: ['startserver'], reason: 'codasrv is not running: start it', data, state: s };
    if (args.state === 'restarted') return { changes: ['volutil shutdown', 'startserver'], reason: 'restart requested', data, state: s };
    if (s.stale && args.state === 'current') {
      return { changes: ['volutil shutdown', 'startserver'], reason: `servers file changed after ${what} started${s.predicted ? ' (predicted: an earlier task changes it)' : ''}: restart so it loads the new list`, data, state: s };
    }
    return { changes: [], reason: `${what} is running${s.stale ? '' : ' and started after the servers file last changed'}`, data };
  },
  async predict(ctx, _args, plan) {
    Cell.of(ctx).setCodasrv(ctx.host.name, afterStart(plan.state as CodasrvFact));
  },
  learn(ctx, _args, _plan, outcome) {
    const cell = Cell.of(ctx);
    const pid = (outcome.data as { pid?: number | null } | undefined)?.pid ?? null;
    // It printed `File Server started` after reading the current servers file: running, answering, not stale.
    if (pid === null) cell.forgetCodasrv(ctx.host.name);
    else cell.setCodasrv(ctx.host.name, { running: true, answering: true, pid, stale: false, predicted: false });
  },
  async apply(ctx, args, plan) {
    const vicedir = args.vicedir ?? codaPathsOf(ctx.host.name, ctx.vars).vicedir;
    const { codaName } = codaPathsOf(ctx.host.name, ctx.vars);
    const s = plan.state as CodasrvFact;
    try {
      if (s.pid !== null) {
        // Journal first: if this run dies between shutdown and start, the next preflight knows why it is down.
        await journalOnScm(ctx, [{ step: 'shutdown', host: ctx.host.name, detail: { pid: s.pid } }]);
        await journalWritten();
      }
      // The shutdown and the wait for the process to go, in one step (then the start, in the same round trip).
      const shutdown = s.pid === null ? undefined : `volutil -h ${q(codaName)} shutdown || exit $?\n${waitLoop(runningCondition(s.pid), args.wait_seconds, `codasrv ${s.pid} to exit`)}`;
      const { srvErr, after } = await startServer(ctx, vicedir, args.wait_seconds, shutdown);
      await journalOnScm(ctx, [{ step: 'started', host: ctx.host.name, detail: { pid: after.pid } }]);
      const verb = s.pid === null ? 'started' : 'restarted';
      return {
        changed: true,
        reason: `codasrv ${verb} (pid ${after.pid}); File Server started${srvErr ? `; SrvErr says: ${srvErr.split('\n').slice(-2).join(' / ')}` : ', SrvErr empty'}`,
        data: { pid: after.pid, running: after.pid !== null, srvErr },
      };
    } catch (err) {
      return failureOf(err);
    }
  },
};
