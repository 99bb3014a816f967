// coda_client_sync: the client half of the job (REFERENCE §0 step 3, §8). `cfs checkservers` (fail naming
// down servers), `cfs checkvolumes` (venus re-fetches volume info and picks up the new replica set),
// `cfs strong`, `cfs flushobject`, then `ls -lR` over the realm: every object the walk touches is resolved onto
// the new replicas. On a disconnection: `cfs reconnect`, then `cfs wr` (Coda ≤ 6.1) or `cfs strong` (≥ 6.9:
// wr is gone), and walk again, a bounded number of times. Clients run in parallel (one play, all hosts).
// The normal path is one exec (runSequence): checkservers, and only when it says `All servers up` the rest, then
// `cfs whereis`; each command is still recorded and judged on its own, and the reconnect path runs command by command.
import { z } from 'zod';
import { volumesArg } from './volumes-arg.js';
import type { ModuleContext, ModuleDefinition } from '../../modules/module.js';
import { quoteShellArg as q } from '../../util/quote.js';
import { CodaStepError, checkResult, failureOf, runChecked, runOn } from './coda-command.js';
import { runSequence } from './coda-sequence.js';
import type { ExecResult } from '../../transport/transport.js';
import { codaPathsOf } from './coda-vars.js';
import { parseCheckServers } from '../parsers/index.js';
import { Cell } from '../model/cell.js';
import { expectedServers, unequalReplicas } from '../model/views.js';
import { parseWhereis, volumePath } from './volume-paths.js';
import { recordWhereis } from './evidence-store.js';

const schema = z.object({
  volumes: volumesArg.default('all'),
  coda_version: z.string().optional(),
  /** Walk at most this many times (first walk included) when the client disconnects. */
  max_walks: z.number().int().min(1).max(20).default(4),
}).strict();

function versionAtMost61(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major < 6 || (major === 6 && minor <= 1);
}

interface Whereis {
  command: string;
  byPath: { v: string; p: string }[];
}

function whereisOf(ctx: ModuleContext, volumes: string[]): Whereis {
  const paths = codaPathsOf(ctx.host.name, ctx.vars);
  const byPath = volumes.map((v) => ({ v, p: volumePath(paths, v, ctx.vars.volume_paths) }));
  return { command: `cfs whereis ${byPath.map((x) => q(x.p)).join(' ')}`, byPath };
}

/** Volumes whose whereis answer misses one of their expected servers. */
function gapsIn(w: Whereis, stdout: string, expected: Map<string, string[]>): string[] {
  const seen = parseWhereis(stdout, w.byPath.map((x) => x.p));
  return w.byPath.filter(({ v, p }) => {
    const names = (seen.get(p) ?? []).map((n) => n.toLowerCase());
    return (expected.get(v) ?? []).some((want) => !names.includes(want.toLowerCase()) && !names.includes(want.split('.')[0]!.toLowerCase()));
  }).map((x) => x.v);
}

async function whereisGaps(ctx: ModuleContext, volumes: string[], expected: Map<string, string[]>): Promise<string[]> {
  const w = whereisOf(ctx, volumes);
  return gapsIn(w, (await runOn(ctx, w.command)).stdout, expected);
}

function serverHosts(ctx: ModuleContext): string[] {
  return [...new Set([...(ctx.cluster?.hostsOf('servers') ?? []), ...(ctx.cluster?.hostsOf('replicas') ?? [])])];
}

export const codaClientSync: ModuleDefinition<typeof schema> = {
  name: 'coda_client_sync',
  summary: 'Make a client pick up the new replica sets and walk the realm so the data is copied to the new replicas',
  schema,
  checkModeSafe: true,
  async probe(ctx, args) {
    const cell = Cell.of(ctx);
    const volumes = await cell.volumeNames(args.volumes);
    const expected = await expectedServers(cell, volumes, ctx.cluster?.hostsOf('replicas') ?? []);
    const gaps = await whereisGaps(ctx, volumes, expected);
    const unequal = gaps.length ? [] : await unequalReplicas(cell, volumes, serverHosts(ctx));
    if (gaps.length === 0 && unequal.length === 0) {
      return { changes: [], reason: `cfs whereis names every replica server of ${volumes.length} volume(s) and the replicas hold the same data` };
    }
    const why = gaps.length ? `venus does not see the new replicas of ${gaps.slice(0, 4).join(', ')}${gaps.length > 4 ? ' …' : ''}` : `replicas still differ for ${unequal.slice(0, 4).join(', ')}`;
    return { changes: ['cfs checkservers', 'cfs checkvolumes', 'cfs strong', 'cfs flushobject', 'ls -lR (walk)'], reason: why };
  },
  learn(ctx) {
    // The walk filled the new replicas: their usage (getvolumelist's U) is asked again when needed.
    Cell.of(ctx).forgetVolumes();
  },
  async apply(ctx, args) {
    const paths = codaPathsOf(ctx.host.name, ctx.vars);
    const top = `${paths.mountpoint}/${paths.realm}`;
    const version = args.coda_version ?? (typeof ctx.vars.coda_version === 'string' ? ctx.vars.coda_version : '6.9');
    try {
      const cell = Cell.of(ctx);
      const volumes = await cell.volumeNames(args.volumes);
      const expected = await expectedServers(cell, volumes, ctx.cluster?.hostsOf('replicas') ?? []);
      const whereis = whereisOf(ctx, volumes);
      const flush = `cfs flushobject ${q(top)}`;
      const walkCommand = `ls -lR ${q(top)} >/dev/null`;
      // One round trip on the normal path: the script stops where this code would stop (servers down, a failed
      // checkvolumes or strong, a failed walk); whatever it did not reach and is still wanted runs on its own.
      const ran = await runSequence(ctx, [
        { command: 'cfs checkservers', untilLine: 'All servers up' },
        { command: 'cfs checkvolumes' },
        { command: 'cfs strong' },
        { command: flush, mayFail: true },
        { command: walkCommand },
        { command: whereis.command },
      ]);
      const step = async (i: number, command: string): Promise<ExecResult> => ran[i] ?? runOn(ctx, command);
      const cs = await step(0, 'cfs checkservers');
      const checked = parseCheckServers(cs.stdout);
      const down = checked.ok ? checked.value.down : [];
      if (cs.code !== 0 || !checked.ok || down.length) throw new CodaStepError(down.length ? `servers down as seen from ${ctx.host.name}: ${down.join(', ')}` : `cfs checkservers failed: ${checked.ok ? '' : checked.error} ${cs.stderr.trim()}`.trim(), { hint: 'start those servers (or fix this client\'s network/names) and rerun' });
      checkResult(ctx, 'cfs checkvolumes', await step(1, 'cfs checkvolumes'));
      checkResult(ctx, 'cfs strong', await step(2, 'cfs strong'));
      await step(3, flush);
      let walks = 0;
      let disconnections = 0;
      for (;;) {
        walks++;
        const walk = walks === 1 ? await step(4, walkCommand) : await runOn(ctx, walkCommand);
        if (walk.code === 0) break;
        disconnections++;
        if (walks >= args.max_walks) throw new CodaStepError(`the walk of ${top} kept failing after ${walks} attempts: ${walk.stderr.trim().split('\n').slice(-2).join(' / ')}`, { hint: 'check the network between this client and the servers, then rerun' });
        await runChecked(ctx, 'cfs reconnect');
        await runChecked(ctx, versionAtMost61(version) ? 'cfs wr' : 'cfs strong');
      }
      // After a walk in the script its whereis came with it; after a reconnect (or past the script's size) it is asked now.
      const out = await step(5, whereis.command);
      // After the walk nothing this run does changes what venus sees: coda_verify reuses the answer.
      if (out.code === 0) recordWhereis(ctx, ctx.host.name, whereis.command, out.stdout);
      const gaps = gapsIn(whereis, out.stdout, expected);
      if (gaps.length) throw new CodaStepError(`after the walk venus still does not see the new replicas of ${gaps.join(', ')}`, { hint: 'have the databases reached every server? (coda_db_sync)' });
      return { changed: true, reason: `walked ${top} ${walks} time(s)${disconnections ? ` (${disconnections} disconnection(s): reconnected and walked again)` : ''}; whereis names every replica server`, data: { walks, disconnections } };
    } catch (err) {
      return failureOf(err);
    }
  },
};
