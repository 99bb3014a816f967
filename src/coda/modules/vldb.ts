// coda_vldb: `bldvldb.sh <new servers…>` on the SCM so the VLDB knows each new replica (clients look replicas
// up by decimal id through it, REFERENCE §0 2e). bldvldb.sh exits 0 even when a server failed (OBSERVED), so
// its output is read and a ` name - FAILED` line fails the task naming that server.
import { z } from 'zod';
import type { ModuleDefinition } from '../../modules/module.js';
import { quoteShellArg as q } from '../../util/quote.js';
import { CodaStepError, failureOf, runChecked } from './coda-command.js';
import { codaPathsOf } from './coda-vars.js';
import { bldvldbProblem, parseBldvldbOutput, parseVolumeList } from '../parsers/index.js';

const schema = z.object({
  volumes: z.array(z.string()).default([]),
  new_servers: z.array(z.string()).optional(),
  vicedir: z.string().optional(),
}).strict();

export const codaVldb: ModuleDefinition<typeof schema> = {
  name: 'coda_vldb',
  summary: 'Refresh the new servers\' volume lists and rebuild the VLDB (bldvldb.sh), failing on any server it could not reach',
  schema,
  async probe(ctx, args) {
    const vicedir = args.vicedir ?? codaPathsOf(ctx.host.name, ctx.vars).vicedir;
    const hosts = args.new_servers ?? ctx.cluster?.hostsOf('replicas') ?? [];
    const names = hosts.map((h) => codaPathsOf(h, ctx.cluster?.varsOf(h) ?? {}).codaName);
    const stale: string[] = [];
    for (const name of names) {
      const cached = (await ctx.transport.readFile(`${vicedir}/vol/remote/${name}.list`))?.toString('utf8');
      const live = (await ctx.transport.exec(`volutil -h ${q(name)} getvolumelist 2>/dev/null`)).stdout;
      if (cached === undefined || !sameVolumes(cached, live)) stale.push(name);
    }
    const [big, vldb] = await Promise.all([ctx.transport.stat(`${vicedir}/vol/BigVolumeList`), ctx.transport.stat(`${vicedir}/db/VLDB`)]);
    const vldbOld = !big.exists || !vldb.exists || (vldb.mtimeMs ?? 0) < (big.mtimeMs ?? 0);
    if (stale.length === 0 && !vldbOld) return { changes: [], reason: `VLDB is newer than BigVolumeList and the cached lists of ${names.join(', ')} match their servers` };
    return { changes: [`bldvldb.sh ${names.join(' ')}`], reason: stale.length ? `cached volume lists out of date for ${stale.join(', ')}` : 'VLDB older than BigVolumeList', state: names };
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

function sameVolumes(a: string, b: string): boolean {
  const keys = (t: string): string => {
    const list = parseVolumeList(t);
    return list.ok ? list.value.volumes.map((v) => `${v.name}:${v.id}`).sort().join(',') : `unreadable: ${list.error}`;
  };
  return keys(a) === keys(b);
}
