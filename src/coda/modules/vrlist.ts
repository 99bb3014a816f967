// coda_vrlist: record the new replicas in the SCM's <vicedir>/db/VRList: slot `count` gets the new id and the
// count goes up by one (REFERENCE §3: slots are version-vector sites, never reordered). All volumes of the run
// change in one atomic write with a timestamped backup, so a crash leaves the old file or the new one.
import { z } from 'zod';
import { volumesArg } from './volumes-arg.js';
import type { ModuleDefinition } from '../../modules/module.js';
import { CodaStepError, failureOf } from './coda-command.js';
import { codaPathsOf } from './coda-vars.js';
import { addReplicaToVRList, volumeLines } from './cell-files.js';
import { appendJournal } from './journal.js';
import { resolveVolumes } from './replica-evidence.js';
import { newServerVolumes } from './new-server-volumes.js';
import { hex8, planVolume } from './replica-plan.js';

const schema = z.object({
  volumes: volumesArg.default('all'),
  new_servers: z.array(z.string()).optional(),
  vicedir: z.string().optional(),
}).strict();

function predictNextId(serverId: number, made: Map<number, number>): number {
  return ((serverId << 24) >>> 0) + (made.get(serverId) ?? 0) + 1;
}

interface VrlistState {
  path: string;
  before: string;
  after: string;
  added: { volume: string; slot: number; id: string; server: string }[];
}

export const codaVrlist: ModuleDefinition<typeof schema> = {
  name: 'coda_vrlist',
  summary: 'Put each new replica id into its volume\'s VRList line (slot count, count + 1), all volumes in one atomic write',
  schema,
  async probe(ctx, args) {
    const vicedir = args.vicedir ?? codaPathsOf(ctx.host.name, ctx.vars).vicedir;
    const path = `${vicedir}/db/VRList`;
    const [vrlist, serversText] = await Promise.all([ctx.transport.readFile(path), ctx.transport.readFile(`${vicedir}/db/servers`)]);
    const before = vrlist?.toString('utf8') ?? '';
    const servers = await newServerVolumes(ctx, args.new_servers ?? ctx.cluster?.hostsOf('replicas') ?? [], serversText?.toString('utf8') ?? '');
    let after = before;
    const added: VrlistState['added'] = [];
    const missing: string[] = [];
    const predictedCount = new Map<number, number>();
    const volumes = await resolveVolumes(ctx, args.volumes);
    for (const name of volumes) {
      const line = volumeLines(after).find((l) => l.name === name);
      if (!line) throw new CodaStepError(`volume ${name} is not in ${path}`);
      for (const step of planVolume(line, servers).steps) {
        if (step.kind === 'create' && !ctx.check) {
          missing.push(`${step.name} on ${step.server.codaName}`);
          continue;
        }
        // Check mode: create_rep has not run, so the id is the one a fresh server would hand out next.
        const id = step.kind === 'adopt' ? step.id : predictNextId(step.server.serverId, predictedCount);
        if (step.kind === 'create') predictedCount.set(step.server.serverId, (predictedCount.get(step.server.serverId) ?? 0) + 1);
        after = addReplicaToVRList(after, name, id);
        added.push({ volume: name, slot: step.slot, id: `${hex8(id)}${step.kind === 'create' ? ' (predicted)' : ''}`, server: step.server.codaName });
      }
    }
    if (missing.length) throw new CodaStepError(`replicas not created yet: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ' …' : ''}`, { hint: 'coda_replicas creates them; run the whole playbook' });
    if (added.length === 0) return { changes: [], reason: `VRList already lists the new replicas of ${volumes.length} volume(s)` };
    return {
      changes: added.map((a) => `${a.volume}: slot ${a.slot} = ${a.id} (${a.server})`),
      reason: `${added.length} slot(s) to fill in ${path}`,
      diff: [{ path, before, after }],
      state: { path, before, after, added } satisfies VrlistState,
    };
  },
  async apply(ctx, args, plan) {
    const s = plan.state as VrlistState;
    const vicedir = args.vicedir ?? codaPathsOf(ctx.host.name, ctx.vars).vicedir;
    try {
      const { backupPath } = await ctx.transport.writeFileAtomic(s.path, s.after, { backup: true });
      await appendJournal(ctx, ctx.transport, vicedir, s.added.map((a) => ({ step: 'vrlist', volume: a.volume, detail: { ...a, backupPath } })));
      return { changed: true, reason: `filled ${s.added.length} slot(s) in ${s.path} in one write${backupPath ? ` (backup ${backupPath})` : ''}`, diff: [{ path: s.path, before: s.before, after: s.after, backupPath }] };
    } catch (err) {
      return failureOf(err);
    }
  },
};
