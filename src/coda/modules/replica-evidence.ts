// What the cell says about a volume's replicas, read from the SCM: which servers should hold them (VRList +
// servers, plus the new servers of this run) and whether the replicas report the same usage (getvolumelist's
// U field on every server). Used by the client phase's probe and by the evidence report.
import type { ModuleContext } from '../../modules/module.js';
import type { Transport } from '../../transport/transport.js';
import { quoteShellArg as q } from '../../util/quote.js';
import { CodaStepError, runBatch } from './coda-command.js';
import { codaPathsOf } from './coda-vars.js';
import { parseServers, parseVolumeList, parseVRList } from '../parsers/index.js';

export async function scmAccess(ctx: ModuleContext): Promise<{ host: string; transport: Transport; vicedir: string }> {
  const host = ctx.cluster?.hostsOf('scm')[0];
  if (!host || !ctx.cluster) throw new CodaStepError('no SCM: put the SCM in inventory group scm');
  const transport = host === ctx.host.name ? ctx.transport : await ctx.cluster.transportFor(host);
  return { host, transport, vicedir: codaPathsOf(host, ctx.cluster.varsOf(host)).vicedir };
}

/** Volume -> FQDNs of the servers that hold (or, after this run, will hold) a replica. */
export async function expectedReplicaServers(ctx: ModuleContext, volumes: string[]): Promise<Map<string, string[]>> {
  const scm = await scmAccess(ctx);
  const [vrlist, servers] = await Promise.all([scm.transport.readFile(`${scm.vicedir}/db/VRList`), scm.transport.readFile(`${scm.vicedir}/db/servers`)]);
  const names = new Map(parseServers(servers?.toString('utf8') ?? '').entries.map((e) => [e.id, e.name]));
  const newNames = (ctx.cluster?.hostsOf('replicas') ?? []).map((h) => codaPathsOf(h, ctx.cluster!.varsOf(h)).codaName);
  const out = new Map<string, string[]>();
  for (const line of parseVRList(vrlist?.toString('utf8') ?? '').entries) {
    if (!volumes.includes(line.name)) continue;
    const held = line.slots.slice(0, line.count).map((id) => names.get(id >>> 24) ?? `server ${id >>> 24}`);
    out.set(line.name, [...new Set([...held, ...newNames])]);
  }
  return out;
}

/** Volumes whose replicas report different usage across the servers that hold them. */
export async function replicasAgree(ctx: ModuleContext, volumes: string[]): Promise<string[]> {
  const scm = await scmAccess(ctx);
  const hosts = [...new Set([...(ctx.cluster?.hostsOf('servers') ?? []), ...(ctx.cluster?.hostsOf('replicas') ?? [])])];
  const names = hosts.map((h) => codaPathsOf(h, ctx.cluster!.varsOf(h)).codaName);
  const parts = await runBatch(ctx, names.map((n) => `volutil -h ${q(n)} getvolumelist 2>/dev/null`), scm.transport);
  const usage = new Map<string, number[]>();
  for (const part of parts) {
    const list = parseVolumeList(part.output);
    for (const { name: replica, diskUsed: used } of list.ok ? list.value.volumes : []) {
      const volume = replica.replace(/\.\d+$/, '');
      if (!volumes.includes(volume)) continue;
      usage.set(volume, [...(usage.get(volume) ?? []), used]);
    }
  }
  return volumes.filter((v) => new Set(usage.get(v) ?? []).size > 1);
}

export const volumesSchemaNote = "a list of replicated volume names, or 'all' (every volume in the SCM's VRList)";

/** 'all' (or a list) -> the volume names, in VRList order, read from the SCM. */
export async function resolveVolumes(ctx: ModuleContext, requested: 'all' | string[]): Promise<string[]> {
  if (requested !== 'all') return requested;
  const scm = await scmAccess(ctx);
  return parseVRList((await scm.transport.readFile(`${scm.vicedir}/db/VRList`))?.toString('utf8') ?? '').entries.map((v) => v.name);
}
