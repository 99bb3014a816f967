// coda_vldb: `bldvldb.sh <new servers…>` on the SCM so the VLDB knows each new replica (clients look replicas
// up by decimal id through it, REFERENCE §0 2e). bldvldb.sh exits 0 even when a server failed (OBSERVED), so
// its output is read and a ` name - FAILED` line fails the task naming that server.
import { z } from 'zod';
import type { ModuleDefinition } from '../../modules/module.js';
import { quoteShellArg as q } from '../../util/quote.js';
import { CodaStepError, failureOf, runChecked } from './coda-command.js';
import { bldvldbProblem, parseBldvldbOutput } from '../parsers/index.js';
import { Cell } from '../model/cell.js';
import { listKey } from '../model/facts.js';

const schema = z.object({
  volumes: z.array(z.string()).default([]),
  new_servers: z.array(z.string()).optional(),
  vicedir: z.string().optional(),
}).strict();

export const codaVldb: ModuleDefinition<typeof schema> = {
  name: 'coda_vldb',
  summary: 'Refresh the new servers\' volume lists and rebuild the VLDB (bldvldb.sh), failing on any server it could not reach',
  schema,
  checkModeSafe: true,
  async probe(ctx, args) {
    const cell = Cell.of(ctx);
    const hosts = args.new_servers ?? ctx.cluster?.hostsOf('replicas') ?? [];
    const names = hosts.map((h) => cell.paths(h).codaName);
    const [live, cached, current] = await Promise.all([cell.volumes(hosts), Promise.all(names.map((n) => cell.remoteList(n))), cell.vldbCurrent()]);
    const stale = names.filter((_, i) => cached[i] === null || listKey(cached[i]!) !== listKey(live[i]!.replicas));
    if (stale.length === 0 && current) return { changes: [], reason: `VLDB is newer than BigVolumeList and the cached lists of ${names.join(', ')} match their servers` };
    const predicted = live.some((v) => v.predicted) ? ' (as the earlier tasks would leave them)' : '';
    return { changes: [`bldvldb.sh ${names.join(' ')}`], reason: stale.length ? `cached volume lists out of date for ${stale.join(', ')}${predicted}` : 'VLDB older than BigVolumeList', state: names };
  },
  async predict(ctx, args) {
    const cell = Cell.of(ctx);
    const hosts = args.new_servers ?? ctx.cluster?.hostsOf('replicas') ?? [];
    const live = await cell.volumes(hosts);
    hosts.forEach((h, i) => cell.setRemoteList(cell.paths(h).codaName, live[i]!.replicas));
    cell.setVldbCurrent(true);
    // The VLDB's bytes cannot be computed here; a token stands for "rebuilt from these lists" (other servers differ).
    cell.setFile(cell.scmHost(), 'VLDB', { data: null, token: `VLDB rebuilt: ${live.map((v) => listKey(v.replicas)).join(' | ')}`, predicted: true });
  },
  learn(ctx, _args, plan) {
    const cell = Cell.of(ctx);
    // bldvldb.sh rewrote the cached lists, BigVolumeList and the VLDB: files, read again when asked.
    for (const name of plan.state as string[]) cell.forgetRemoteList(name);
    cell.forgetVldb();
    cell.forgetFile(cell.scmHost(), 'VLDB');
  },
  async apply(ctx, _args, plan) {
    const names = plan.state as string[];
    try {
      const out = await runChecked(ctx, `bldvldb.sh ${names.map(q).join(' ')}`);
      const result = parseBldvldbOutput(out.stdout + out.stderr);
      const problem = bldvldbProblem(result, names);
      if (result.failed.length) throw new CodaStepError(`${problem} (it still exits 0; its old cached list stays in the VLDB)`, { hint: 'check that codasrv runs on those servers (rpc2ping), then rerun' });
      if (problem) throw new CodaStepError(problem);
      return { changed: true, reason: `VLDB rebuilt with the lists of ${names.join(', ')}` };
    } catch (err) {
      return failureOf(err);
    }
  },
};
