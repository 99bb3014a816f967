// coda_vrlist: record the new replicas in the SCM's <vicedir>/db/VRList: slot `count` gets the new id and the
// count goes up by one (REFERENCE §3: slots are version-vector sites, never reordered). All volumes of the run
// change in one atomic write with a timestamped backup, so a crash leaves the old file or the new one. In --check
// the ids are the model's predictions (what create_rep would hand out), marked as predicted in the diff header.
import { z } from 'zod';
import { volumesArg } from './volumes-arg.js';
import type { ModuleDefinition } from '../../modules/module.js';
import { CodaStepError, failureOf } from './coda-command.js';
import { codaPathsOf } from './coda-vars.js';
import { addReplicaToLine, findVolume, parseVRList, serializeVRList } from '../parsers/index.js';
import { Cell } from '../model/cell.js';
import { predictedIdNote, predictedText, textOf } from '../model/facts.js';
import { appendJournal } from './journal.js';
import { newServerVolumes } from './new-server-volumes.js';
import { hex8, planVolume } from './replica-plan.js';

const schema = z.object({
  volumes: volumesArg.default('all'),
  new_servers: z.array(z.string()).optional(),
  vicedir: z.string().optional(),
}).strict();

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
  checkModeSafe: true,
  async probe(ctx, args) {
    const cell = Cell.of(ctx);
    const vicedir = args.vicedir ?? codaPathsOf(ctx.host.name, ctx.vars).vicedir;
    const path = `${vicedir}/db/VRList`;
    const before = textOf(await cell.file(ctx.host.name, 'VRList'));
    const servers = await newServerVolumes(ctx, args.new_servers ?? ctx.cluster?.hostsOf('replicas') ?? []);
    let doc = parseVRList(before);
    const added: VrlistState['added'] = [];
    const missing: string[] = [];
    const predicted: number[] = [];
    for (const name of await cell.volumeNames(args.volumes)) {
      const line = findVolume(doc, name);
      if (!line) throw new CodaStepError(`volume ${name} is not in ${path}`);
      for (const step of planVolume(line, servers).steps) {
        if (step.kind === 'create') {
          missing.push(`${step.name} on ${step.server.codaName}`);
          continue;
        }
        const edit = addReplicaToLine(doc, name, step.id);
        if (!edit.ok) throw new CodaStepError(`cannot add ${hex8(step.id)} to ${name} in ${path}: ${edit.error}`);
        doc = edit.value.doc;
        // In --check the id is the one create_rep would hand out (the model's prediction), and says so.
        if (step.predicted) predicted.push(step.id);
        added.push({ volume: name, slot: step.slot, id: `${hex8(step.id)}${step.predicted ? ' (predicted)' : ''}`, server: step.server.codaName });
      }
    }
    const after = serializeVRList(doc);
    if (missing.length) throw new CodaStepError(`replicas not created yet: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ' …' : ''}`, { hint: 'coda_replicas creates them; run the whole playbook' });
    if (added.length === 0) return { changes: [], reason: `VRList already lists the new replicas of ${(await cell.volumeNames(args.volumes)).length} volume(s)` };
    const note = predictedIdNote(predicted);
    return {
      changes: added.map((a) => `${a.volume}: slot ${a.slot} = ${a.id} (${a.server})`),
      reason: `${added.length} slot(s) to fill in ${path}${note ? ` (${note})` : ''}`,
      diff: [{ path, before, after, ...(note ? { note } : {}) }],
      state: { path, before, after, added } satisfies VrlistState,
    };
  },
  async predict(ctx, _args, plan) {
    Cell.of(ctx).setFile(ctx.host.name, 'VRList', predictedText((plan.state as VrlistState).after));
  },
  learn(ctx, _args, plan) {
    const cell = Cell.of(ctx);
    cell.setFile(ctx.host.name, 'VRList', { data: Buffer.from((plan.state as VrlistState).after, 'utf8'), predicted: false });
    // The ids just written exist in no VRDB yet: coda_vrdb rebuilds without dumping the old one to compare.
    cell.setVrdbBehind(true);
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
