// coda_lock: one codaplay run at a time edits a cell's databases. The lock is a file on the SCM created with
// O_EXCL (the shell's noclobber). A lock whose run is provably dead (same control node, pid gone) is reported
// and taken over; any other foreign lock stops the run with what to do.
import { hostname } from 'node:os';
import { z } from 'zod';
import type { ModuleDefinition, ModuleContext } from '../../modules/module.js';
import { quoteShellArg } from '../../util/quote.js';
import { CodaStepError, failureOf, runOn } from './coda-command.js';
import { journalDir, journalWritten, runIdOf } from './journal.js';
import { codaPathsOf } from './coda-vars.js';

const schema = z.object({
  vicedir: z.string().optional(),
  state: z.enum(['present', 'absent']).default('present'),
}).strict();

interface LockOwner {
  run: string;
  controlHost: string;
  pid: number;
  user?: string;
  started: string;
}

const lockPath = (vicedir: string): string => `${journalDir(vicedir)}/lock`;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function describe(owner: LockOwner): string {
  return `run ${owner.run} (pid ${owner.pid} on ${owner.controlHost}, started ${owner.started})`;
}

async function readOwner(ctx: ModuleContext, path: string): Promise<LockOwner | null> {
  const raw = await ctx.transport.readFile(path);
  if (!raw) return null;
  try {
    return JSON.parse(raw.toString('utf8')) as LockOwner;
  } catch {
    return { run: 'unknown', controlHost: 'unknown', pid: 0, started: 'unknown' };
  }
}

export const codaLock: ModuleDefinition<typeof schema> = {
  name: 'coda_lock',
  summary: 'Take or release the SCM lock that keeps two codaplay runs from editing the Coda databases at once',
  schema,
  checkModeSafe: true,
  async probe(ctx, args) {
    const path = lockPath(args.vicedir ?? codaPathsOf(ctx.host.name, ctx.vars).vicedir);
    const owner = await readOwner(ctx, path);
    const mine = owner?.run === runIdOf(ctx);
    if (args.state === 'absent') {
      if (!owner) return { changes: [], reason: `no lock at ${path}` };
      if (!mine) return { changes: [], reason: `lock at ${path} belongs to ${describe(owner)}; left alone` };
      return { changes: [`release ${path}`], reason: `release the lock at ${path}` };
    }
    // The run reports taking the lock as ok (bookkeeping, not a change to the cell), so --check says ok too.
    if (ctx.check && (!owner || (owner.controlHost === hostname() && owner.pid > 0 && !isAlive(owner.pid)))) {
      return { changes: [], reason: `would take the lock at ${path}${owner ? ` (stale, from dead ${describe(owner)})` : ''}` };
    }
    if (!owner) return { changes: [`create ${path}`], reason: `take the lock at ${path}` };
    if (mine) return { changes: [], reason: `lock at ${path} already held by this run` };
    if (owner.controlHost === hostname() && owner.pid > 0 && !isAlive(owner.pid)) {
      return {
        changes: [`take over stale lock of dead ${describe(owner)}`],
        reason: `stale lock at ${path} from dead ${describe(owner)}: taking it over (the probes resume its work)`,
        state: { stale: true },
      };
    }
    throw new CodaStepError(`the Coda databases are locked by ${describe(owner)}`, {
      hint: `wait for that run to finish; if it is gone (another control node, or killed), check its journal and remove ${path} on the SCM`,
    });
  },
  async apply(ctx, args, plan) {
    const vicedir = args.vicedir ?? codaPathsOf(ctx.host.name, ctx.vars).vicedir;
    const path = lockPath(vicedir);
    try {
      if (args.state === 'absent') {
        // The journal's queued entries first: the next run that takes the lock reads a whole journal.
        const unwritten = await journalWritten().then(() => '', (err: unknown) => (err instanceof Error ? err.message : String(err)));
        await runOn(ctx, `rm -f ${quoteShellArg(path)}`);
        if (unwritten) throw new CodaStepError(`released ${path}, but the journal is missing an entry: ${unwritten}`);
        // The lock is bookkeeping, not a change to the cell: a rerun that only takes and releases it reports changed=0.
        return { changed: false, reason: `released ${path}` };
      }
      const owner: LockOwner = { run: runIdOf(ctx), controlHost: hostname(), pid: process.pid, user: process.env.USER, started: new Date().toISOString() };
      const stale = (plan.state as { stale?: boolean } | undefined)?.stale === true;
      const body = JSON.stringify(owner);
      const create = `mkdir -p ${quoteShellArg(journalDir(vicedir))} && (set -C; cat > ${quoteShellArg(path)})`;
      const result = await runOn(ctx, stale ? `rm -f ${quoteShellArg(path)} && ${create}` : create, ctx.transport, body + '\n');
      if (result.code !== 0) {
        const holder = await readOwner(ctx, path);
        throw new CodaStepError(`could not take the lock at ${path}${holder ? `: held by ${describe(holder)}` : ''}`);
      }
      return { changed: false, reason: stale ? plan.reason : `took the lock at ${path}` };
    } catch (err) {
      return failureOf(err);
    }
  },
};
