// coda_replicas: for each volume, `setlogparms <existing replica> reson 4` (createvol_rep on one server turned
// resolution off, REFERENCE §0 2b) and `create_rep <partition> <vol>.<slot> <groupid>` on each new server — or
// adopt the replica an interrupted run already created there (found by name in getvolumelist), so a slot never
// gets a second create_rep. All calls of one kind share one round trip.
import { z } from 'zod';
import { volumesArg } from './volumes-arg.js';
import type { ModuleDefinition } from '../../modules/module.js';
import { quoteShellArg as q } from '../../util/quote.js';
import { CodaStepError, failureOf, runBatch } from './coda-command.js';
import { codaPathsOf } from './coda-vars.js';
import { listedServers, parseCreatedVolume, volumeLines } from './cell-files.js';
import { newServerVolumes } from './new-server-volumes.js';
import { appendJournal } from './journal.js';
import { resolveVolumes } from './replica-evidence.js';
import { hex8, planVolume, type VolumePlan } from './replica-plan.js';

const schema = z.object({
  volumes: volumesArg.default('all'),
  /** Inventory names of the new servers (default: group replicas). */
  new_servers: z.array(z.string()).optional(),
  vicedir: z.string().optional(),
}).strict();

interface ReplicasState {
  plans: VolumePlan[];
  serverNames: Map<number, string>;
}

function describePlan(p: VolumePlan): string[] {
  return p.steps.map((s) => s.kind === 'adopt'
    ? `${p.volume.name}: adopt ${s.name} (${hex8(s.id)}) already on ${s.server.codaName}`
    : `${p.volume.name}: setlogparms reson 4 on ${p.existing.map(hex8).join(', ')}; create_rep ${s.name} on ${s.server.codaName}`);
}

export const codaReplicas: ModuleDefinition<typeof schema> = {
  name: 'coda_replicas',
  summary: 'Enable resolution on existing replicas and create (or adopt) each volume\'s replica on the new servers',
  schema,
  checkModeSafe: true,
  async probe(ctx, args) {
    const vicedir = args.vicedir ?? codaPathsOf(ctx.host.name, ctx.vars).vicedir;
    const [vrlist, serversText] = await Promise.all([ctx.transport.readFile(`${vicedir}/db/VRList`), ctx.transport.readFile(`${vicedir}/db/servers`)]);
    const lines = volumeLines(vrlist?.toString('utf8') ?? '');
    const servers = await newServerVolumes(ctx, args.new_servers ?? ctx.cluster?.hostsOf('replicas') ?? [], serversText?.toString('utf8') ?? '');
    const volumes = await resolveVolumes(ctx, args.volumes);
    const plans = volumes.map((name) => {
      const line = lines.find((l) => l.name === name);
      if (!line) throw new CodaStepError(`volume ${name} is not in VRList`);
      return planVolume(line, servers);
    });
    const clashes = plans.flatMap((p) => p.clashes);
    if (clashes.length) throw new CodaStepError(`name clash on a new server:\n${clashes.join('\n')}`, { hint: 'purge or rename the clashing volume, or leave that volume out' });
    const pending = plans.filter((p) => p.steps.length);
    const serverNames = new Map(listedServers(serversText?.toString('utf8') ?? '').map((e) => [e.id, e.name]));
    if (pending.length === 0) {
      return { changes: [], reason: `every volume already has its new replica in VRList (${plans.length} volume(s))`, data: { replicas: {} } };
    }
    return { changes: pending.flatMap(describePlan), reason: `${pending.length} volume(s) need a new replica`, state: { plans: pending, serverNames } satisfies ReplicasState };
  },
  async apply(ctx, args, plan) {
    const { plans, serverNames } = plan.state as ReplicasState;
    const vicedir = args.vicedir ?? codaPathsOf(ctx.host.name, ctx.vars).vicedir;
    try {
      const reson = plans.flatMap((p) => p.existing.map((id) => `volutil -h ${q(serverNames.get(id >>> 24) ?? '')} setlogparms ${hex8(id)} reson 4`));
      const resonOut = await runBatch(ctx, reson);
      const failedReson = resonOut.map((r, i) => (r.code !== 0 ? `${reson[i]}: ${r.output.trim().split('\n').at(-1)}` : '')).filter(Boolean);
      if (failedReson.length) throw new CodaStepError(`setlogparms failed:\n${failedReson.join('\n')}`);
      const creates = plans.flatMap((p) => p.steps.filter((s) => s.kind === 'create'));
      const createOut = await runBatch(ctx, creates.map((s) => {
        const { partition } = codaPathsOf(s.server.host, ctx.cluster?.varsOf(s.server.host) ?? {});
        return `volutil -h ${q(s.server.codaName)} create_rep ${q(partition)} ${q(s.name)} ${hex8(s.groupId)}`;
      }));
      const replicas: Record<string, { server: string; slot: number; id: string; adopted: boolean }> = {};
      const errors: string[] = [];
      creates.forEach((s, i) => {
        const made = parseCreatedVolume(createOut[i]?.output ?? '');
        if (createOut[i]?.code !== 0 || !made) errors.push(`create_rep ${s.name} on ${s.server.codaName}: ${(createOut[i]?.output ?? '').trim().split('\n').at(-1)}`);
        else replicas[`${s.volume}@${s.server.host}`] = { server: s.server.codaName, slot: s.slot, id: hex8(made.id), adopted: false };
      });
      for (const p of plans) for (const s of p.steps) if (s.kind === 'adopt') replicas[`${s.volume}@${s.server.host}`] = { server: s.server.codaName, slot: s.slot, id: hex8(s.id), adopted: true };
      await appendJournal(ctx, ctx.transport, vicedir, Object.entries(replicas).map(([key, r]) => ({ step: r.adopted ? 'adopt' : 'create_rep', volume: key.split('@')[0], host: key.split('@')[1], detail: r })));
      if (errors.length) throw new CodaStepError(`create_rep failed for ${errors.length} volume(s):\n${errors.join('\n')}`, { hint: 'rerun: replicas already made are adopted, not created twice' });
      const adopted = Object.values(replicas).filter((r) => r.adopted).length;
      return { changed: true, reason: `reson 4 on ${reson.length} replica(s); created ${creates.length}, adopted ${adopted}`, data: { replicas } };
    } catch (err) {
      return failureOf(err);
    }
  },
};
