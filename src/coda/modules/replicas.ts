// coda_replicas: for each volume, `setlogparms <existing replica> reson 4` (createvol_rep on one server turned
// resolution off, REFERENCE §0 2b) and `create_rep <partition> <vol>.<slot> <groupid> <id>` on each new server —
// or adopt the replica an interrupted run already created there (found by name in getvolumelist), so a slot never
// gets a second create_rep. Both kinds run together, two at a time per server (codasrv's two volutil workers).
// setlogparms goes only to ids the holding server's getvolumelist shows (a failed one poisons a volutil worker); a
// 700 is cleared and retried once. The probe reads the cell model; the ids are the ones --check predicts.
import { z } from 'zod';
import { volumesArg } from './volumes-arg.js';
import type { ModuleContext, ModuleDefinition } from '../../modules/module.js';
import { quoteShellArg as q } from '../../util/quote.js';
import { parseCreateRep, type ServerEntry } from '../parsers/index.js';
import { Cell } from '../model/cell.js';
import { afterCreateRep, withReplica, type VolumesFact } from '../model/facts.js';
import { CodaStepError, failureOf } from './coda-command.js';
import { codaPathsOf } from './coda-vars.js';
import { newServerVolumes } from './new-server-volumes.js';
import { appendJournal } from './journal.js';
import { runWithPoisonRetry } from './poison-retry.js';
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
  /** Existing replica ids that get `setlogparms reson 4`. */
  reson: number[];
  /** Existing replica ids in VRList that their server's getvolumelist does not show: left alone. */
  absent: number[];
  /** `<volume>@<host>` -> the id each create_rep asks for (MaxVolId + 1, + 2, … per server, as --check predicts). */
  ids: Map<string, number>;
}

const createKey = (s: { volume: string; server: { host: string } }): string => `${s.volume}@${s.server.host}`;

/**
 * The id each create_rep will ask for: per new server, MaxVolId + 1, + 2, … in plan order — exactly what --check
 * predicts. Asking for it (create_rep's optional 4th argument, REFERENCE §7 create_rep) rather than letting the
 * server take MaxVolId + 1 lets one server's create_reps run two at a time and still get the predicted ids.
 */
async function plannedIds(ctx: ModuleContext, plans: VolumePlan[]): Promise<{ ids: Map<string, number>; facts: Map<string, VolumesFact> }> {
  const cell = Cell.of(ctx);
  const creates = plans.flatMap((p) => p.steps.filter((s) => s.kind === 'create' && s.server.listed !== false));
  const hosts = [...new Set(creates.map((s) => s.server.host))];
  const facts = new Map((await cell.volumes(hosts)).map((f, i) => [hosts[i]!, f]));
  const ids = new Map<string, number>();
  for (const s of creates) {
    const next = afterCreateRep(facts.get(s.server.host)!, s.name);
    facts.set(s.server.host, next.fact);
    ids.set(createKey(s), next.id);
  }
  return { ids, facts };
}

function describePlan(p: VolumePlan, reson: Set<number>): string[] {
  const ids = p.existing.filter((id) => reson.has(id));
  return p.steps.map((s) => s.kind === 'adopt'
    ? `${p.volume.name}: adopt ${s.name} (${hex8(s.id)}) already on ${s.server.codaName}`
    : `${p.volume.name}: ${ids.length ? `setlogparms reson 4 on ${ids.map(hex8).join(', ')}; ` : ''}create_rep ${s.name} on ${s.server.codaName}`);
}

/**
 * Which existing replica ids their server lists (getvolumelist through the model, one round trip): a setlogparms
 * for an id the server does not have fails with 603 and poisons a volutil worker. A holder that is not in the
 * inventory cannot be asked; its ids are sent as before.
 */
async function resonTargets(ctx: ModuleContext, plans: VolumePlan[], listed: ServerEntry[]): Promise<{ reson: number[]; absent: number[] }> {
  const cell = Cell.of(ctx);
  const ids = [...new Set(plans.flatMap((p) => p.existing))];
  const byName = new Map((ctx.cluster?.hostsOf('servers') ?? []).map((h) => [cell.paths(h).codaName.toLowerCase(), h]));
  const holderOf = (id: number): string | undefined => byName.get((listed.find((e) => e.id === id >>> 24)?.name ?? '').toLowerCase());
  const holders = [...new Set(ids.map(holderOf).filter((h): h is string => h !== undefined))];
  const facts = await cell.volumes(holders);
  const shown = new Map(holders.map((h, i) => [h, new Set(facts[i]!.replicas.map((r) => r.id))]));
  const absent = ids.filter((id) => { const h = holderOf(id); return h !== undefined && !shown.get(h)!.has(id); });
  return { reson: ids.filter((id) => !absent.includes(id)), absent };
}

export const codaReplicas: ModuleDefinition<typeof schema> = {
  name: 'coda_replicas',
  summary: 'Enable resolution on existing replicas and create (or adopt) each volume\'s replica on the new servers',
  schema,
  checkModeSafe: true,
  async probe(ctx, args) {
    const cell = Cell.of(ctx);
    const newHosts = args.new_servers ?? ctx.cluster?.hostsOf('replicas') ?? [];
    const [lines, listed] = await Promise.all([cell.vrlist(), cell.servers(), cell.prefetchVolumes([...new Set([...newHosts, ...(ctx.cluster?.hostsOf('servers') ?? [])])])]);
    const servers = await newServerVolumes(ctx, newHosts);
    const volumes = await cell.volumeNames(args.volumes);
    const plans = volumes.map((name) => {
      const line = lines.find((l) => l.name === name);
      if (!line) throw new CodaStepError(`volume ${name} is not in VRList`);
      return planVolume(line, servers);
    });
    const clashes = plans.flatMap((p) => p.clashes);
    if (clashes.length) throw new CodaStepError(`name clash on a new server:\n${clashes.join('\n')}`, { hint: 'purge or rename the clashing volume, or leave that volume out' });
    const pending = plans.filter((p) => p.steps.length);
    if (pending.length === 0) {
      return { changes: [], reason: `every volume already has its new replica in VRList (${plans.length} volume(s))`, data: { replicas: {} } };
    }
    const [{ reson, absent }, { ids }] = await Promise.all([resonTargets(ctx, pending, listed), plannedIds(ctx, pending)]);
    const serverNames = new Map(listed.map((e) => [e.id, e.name]));
    const leftAlone = absent.length ? `; ${absent.map(hex8).join(', ')} in VRList but not on their server: no setlogparms for them` : '';
    return {
      changes: pending.flatMap((p) => describePlan(p, new Set(reson))),
      reason: `${pending.length} volume(s) need a new replica${leftAlone}`,
      state: { plans: pending, serverNames, reson, absent, ids } satisfies ReplicasState,
    };
  },
  async predict(ctx, _args, plan) {
    const cell = Cell.of(ctx);
    const { facts } = await plannedIds(ctx, (plan.state as ReplicasState).plans);
    for (const [host, fact] of facts) cell.setVolumes(host, fact);
  },
  learn(ctx, _args, _plan, outcome) {
    // What create_rep made (ids as it printed them) joins each new server's list; getvolumelist is not asked again.
    const cell = Cell.of(ctx);
    const made = Object.entries((outcome.data as { replicas?: Record<string, { slot: number; id: string }> } | undefined)?.replicas ?? {});
    return Promise.all([...new Set(made.map(([key]) => key.split('@')[1]!))].map(async (host) => {
      let [fact] = await cell.volumes([host]);
      for (const [key, r] of made.filter(([k]) => k.split('@')[1] === host)) fact = withReplica(fact!, `${key.split('@')[0]}.${r.slot}`, parseInt(r.id, 16));
      cell.setVolumes(host, fact!);
    })).then(() => undefined);
  },
  async apply(ctx, args, plan) {
    const { plans, serverNames, reson, ids } = plan.state as ReplicasState;
    const vicedir = args.vicedir ?? codaPathsOf(ctx.host.name, ctx.vars).vicedir;
    try {
      const resonCalls = reson.map((id) => {
        const server = serverNames.get(id >>> 24) ?? '';
        return { server, subject: hex8(id), command: `volutil -h ${q(server)} setlogparms ${hex8(id)} reson 4` };
      });
      const creates = plans.flatMap((p) => p.steps.filter((s) => s.kind === 'create'));
      const createCalls = creates.map((s) => {
        const { partition } = codaPathsOf(s.server.host, ctx.cluster?.varsOf(s.server.host) ?? {});
        const id = ids.get(createKey(s));
        return { server: s.server.codaName, subject: s.name, adoptIfFound: true, command: `volutil -h ${q(s.server.codaName)} create_rep ${q(partition)} ${q(s.name)} ${hex8(s.groupId)}${id === undefined ? '' : ` ${hex8(id)}`}` };
      });
      // setlogparms (old servers) and create_rep (new servers) do not depend on each other — resolution only has to
      // be on before a client's walk — so they run together, each server's calls two at a time (its two volutil
      // workers), every server at once.
      const out = await runWithPoisonRetry(ctx, [...resonCalls, ...createCalls]);
      const resonOut = out.slice(0, resonCalls.length);
      const createOut = out.slice(resonCalls.length);
      const notes = resonOut.flatMap((r, i) => (r.retried ? [`setlogparms ${resonCalls[i]!.subject}: ${r.retried}`] : []));
      const failedReson = resonOut.map((r, i) => (r.code !== 0 ? `${resonCalls[i]!.command}: ${r.output.trim().split('\n').at(-1)}` : '')).filter(Boolean);
      const replicas: Record<string, { server: string; slot: number; id: string; adopted: boolean }> = {};
      const errors: string[] = [];
      creates.forEach((s, i) => {
        const out = createOut[i]!;
        if (out.retried) notes.push(`create_rep ${s.name} on ${s.server.codaName}: ${out.retried}`);
        const made = out.foundId !== undefined ? { ok: true as const, value: { id: out.foundId } } : parseCreateRep(out.output);
        if (out.code !== 0 || !made.ok) errors.push(`create_rep ${s.name} on ${s.server.codaName}: ${made.ok ? `exit ${out.code}` : made.error}`);
        else replicas[createKey(s)] = { server: s.server.codaName, slot: s.slot, id: hex8(made.value.id), adopted: out.foundId !== undefined };
      });
      for (const p of plans) for (const s of p.steps) if (s.kind === 'adopt') replicas[`${s.volume}@${s.server.host}`] = { server: s.server.codaName, slot: s.slot, id: hex8(s.id), adopted: true };
      await appendJournal(ctx, ctx.transport, vicedir, Object.entries(replicas).map(([key, r]) => ({ step: r.adopted ? 'adopt' : 'create_rep', volume: key.split('@')[0], host: key.split('@')[1], detail: r })));
      if (failedReson.length) throw new CodaStepError(`setlogparms failed:\n${[...failedReson, ...errors, ...notes].join('\n')}`, { hint: 'rerun: replicas already made are adopted, not created twice' });
      if (errors.length) throw new CodaStepError(`create_rep failed for ${errors.length} volume(s):\n${[...errors, ...notes].join('\n')}`, { hint: 'rerun: replicas already made are adopted, not created twice' });
      const adopted = Object.values(replicas).filter((r) => r.adopted).length;
      const made = Object.keys(replicas).length - adopted;
      return { changed: true, reason: `reson 4 on ${reson.length} replica(s); created ${made}, adopted ${adopted}${notes.length ? `; ${notes.join('; ')}` : ''}`, data: { replicas } };
    } catch (err) {
      return failureOf(err);
    }
  },
};
