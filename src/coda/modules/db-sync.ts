// coda_db_sync: bring the SCM's database files to this server now instead of at updateclnt's next 30 s cycle
// (OBSERVED: waiting for it was 60 of 68 s of a by-hand run): `updatefetch` each file that differs, then
// `volutil updatedb` so the server reloads VRDB/VLDB, then prove it with getvolinfo against this server.
// `servers` is fetched but never "reloaded": only a restart makes codasrv read it (REFERENCE §2).
import { z } from 'zod';
import { optionalVolumesArg } from './volumes-arg.js';
import type { ModuleContext, ModuleDefinition } from '../../modules/module.js';
import type { Transport } from '../../transport/transport.js';
import { quoteShellArg as q } from '../../util/quote.js';
import { CodaStepError, failureOf, runBatch, runChecked } from './coda-command.js';
import { codaPathsOf } from './coda-vars.js';
import { parseVolInfo, volumeLines, type VolumeLine } from './cell-files.js';

const schema = z.object({
  files: z.array(z.enum(['servers', 'VRList', 'VRDB', 'VLDB', 'files', 'maxgroupid', 'scm', 'volutil.tk', 'update.tk', 'auth2.tk', 'auth2.pw', 'prot_users.cdb'])).min(1),
  /** Run `volutil updatedb` afterwards (VRDB/VLDB reload), and prove it with getvolinfo. */
  reload: z.boolean().default(false),
  /** Volumes whose getvolinfo answer from this server must match the SCM's VRList. */
  prove_volumes: optionalVolumesArg.default([]),
  /** Inventory name of the SCM (default: the first host of group scm). */
  scm: z.string().optional(),
  /** How long to keep asking getvolinfo before naming this host as lagging. */
  prove_seconds: z.number().positive().default(30),
}).strict();

interface SyncState {
  stale: string[];
  unproven: string[];
  scmName: string;
  vicedir: string;
  expected: VolumeLine[];
}

async function scmOf(ctx: ModuleContext, wanted?: string): Promise<{ host: string; transport: Transport; vicedir: string; codaName: string }> {
  const host = wanted ?? ctx.cluster?.hostsOf('scm')[0];
  if (!host || !ctx.cluster) throw new CodaStepError('no SCM: put the SCM in inventory group scm');
  const p = codaPathsOf(host, ctx.cluster.varsOf(host));
  return { host, transport: await ctx.cluster.transportFor(host), vicedir: p.vicedir, codaName: p.codaName };
}

/** Volumes whose answer from this server disagrees with the SCM's VRList (count or replica ids). */
async function unprovenVolumes(ctx: ModuleContext, selfName: string, expected: VolumeLine[]): Promise<string[]> {
  const parts = await runBatch(ctx, expected.map((v) => `getvolinfo ${q(selfName)} ${q(v.name)}`));
  return expected.filter((v, i) => {
    const info = parseVolInfo(parts[i]?.output ?? '');
    return !info || info.serverCount !== v.count || v.replicas.slice(0, v.count).some((id, slot) => info.replicas[slot]?.id !== id);
  }).map((v) => v.name);
}

export const codaDbSync: ModuleDefinition<typeof schema> = {
  name: 'coda_db_sync',
  summary: 'Fetch changed database files from the SCM now (updatefetch), reload them (volutil updatedb) and prove it with getvolinfo',
  schema,
  checkModeSafe: true,
  async probe(ctx, args) {
    const scm = await scmOf(ctx, args.scm);
    const self = codaPathsOf(ctx.host.name, ctx.vars);
    const stale: string[] = [];
    for (const file of args.files) {
      const [mine, theirs] = await Promise.all([ctx.transport.readFile(`${self.vicedir}/db/${file}`), scm.transport.readFile(`${scm.vicedir}/db/${file}`)]);
      if (theirs && (!mine || !mine.equals(theirs))) stale.push(file);
    }
    const vrlist = args.prove_volumes.length ? (await scm.transport.readFile(`${scm.vicedir}/db/VRList`))?.toString('utf8') ?? '' : '';
    const expected = volumeLines(vrlist).filter((v) => args.prove_volumes === 'all' || args.prove_volumes.includes(v.name));
    const unproven = args.reload && stale.length === 0 ? await unprovenVolumes(ctx, self.codaName, expected) : expected.map((v) => v.name);
    const state: SyncState = { stale, unproven: args.reload ? unproven : [], scmName: scm.codaName, vicedir: self.vicedir, expected };
    const changes = [
      ...stale.map((f) => `updatefetch db/${f} from ${scm.codaName}`),
      ...(args.reload && (stale.length || state.unproven.length) ? ['volutil updatedb'] : []),
    ];
    if (changes.length === 0) {
      return { changes, reason: `${args.files.join(', ')} match the SCM${args.reload && expected.length ? `; getvolinfo on ${self.codaName} agrees for ${expected.length} volume(s)` : ''}` };
    }
    return { changes, reason: changes.join('; '), state };
  },
  async apply(ctx, args, plan) {
    const s = plan.state as SyncState;
    const self = codaPathsOf(ctx.host.name, ctx.vars);
    try {
      for (const file of s.stale) {
        await runChecked(ctx, `updatefetch -h ${q(s.scmName)} -r ${q(`db/${file}`)} -l ${q(`${s.vicedir}/db/${file}`)}`);
      }
      if (args.reload) {
        await runChecked(ctx, `volutil -h ${q(self.codaName)} updatedb`);
        const deadline = Date.now() + args.prove_seconds * 1000;
        let lagging = await unprovenVolumes(ctx, self.codaName, s.expected);
        while (lagging.length && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 500));
          lagging = await unprovenVolumes(ctx, self.codaName, s.expected);
        }
        if (lagging.length) {
          throw new CodaStepError(`${ctx.host.name} still answers the old state for ${lagging.slice(0, 5).join(', ')}${lagging.length > 5 ? ' …' : ''} after ${args.prove_seconds} s`, {
            hint: `check UpdateClntLog and SrvLog on ${ctx.host.name} ("New Data Base received")`,
          });
        }
      }
      const fetched = s.stale.length ? `fetched ${s.stale.join(', ')}` : 'files already current';
      return { changed: true, reason: `${fetched}${args.reload ? `; reloaded; getvolinfo on ${self.codaName} agrees for ${s.expected.length} volume(s)` : ''}` };
    } catch (err) {
      return failureOf(err);
    }
  },
};
