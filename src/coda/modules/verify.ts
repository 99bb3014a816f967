// coda_verify: prove the job worked, with evidence a person can check (DESIGN "The add-replica job" 7):
// getvolinfo against every server shows the new count and the new server's address in the new slot; the VLDB
// answers for <vol>.<slot>; every file of a volume's existing replica has a container of the new replica in the
// new server's FTREEDB (an empty volume has nothing to copy); every client's `cfs whereis` names the new server.
// With no client in the inventory the copy was not driven: the server side decides, with a warning.
import { z } from 'zod';
import { volumesArg } from './volumes-arg.js';
import type { ModuleContext, ModuleDefinition } from '../../modules/module.js';
import { quoteShellArg as q } from '../../util/quote.js';
import { CodaStepError, runLanes, runOn } from './coda-command.js';
import { PROOF_LANES, recordedEvidence, recordedWhereis } from './evidence-store.js';
import { codaPathsOf } from './coda-vars.js';
import { parseServers, parseVRList } from '../parsers/index.js';
import { volInfoOf } from './volume-paths.js';
import { readJournal } from './journal.js';
import { formatEvidence, type NewServerEvidence, type VolumeEvidence } from './evidence-report.js';
import { readContainers } from './ftree-containers.js';
import { hex8 } from './replica-plan.js';
import { resolveVolumes } from './replica-evidence.js';
import { parseWhereis, volumePath } from './volume-paths.js';

const schema = z.object({ volumes: volumesArg.default('all') }).strict();

async function gatherNewServers(ctx: ModuleContext, serversText: string, vicedir: string): Promise<NewServerEvidence[]> {
  const listed = parseServers(serversText).entries;
  const journal = await readJournal(ctx.transport, vicedir);
  return Promise.all((ctx.cluster!.hostsOf('replicas')).map(async (host) => {
    const p = codaPathsOf(host, ctx.cluster!.varsOf(host));
    const id = listed.find((e) => e.name.toLowerCase() === p.codaName.toLowerCase())?.id ?? null;
    const ip = (await runOn(ctx, `getent hosts ${q(p.codaName)}`)).stdout.trim().split(/\s+/)[0] ?? null;
    const stat = await (await ctx.cluster!.transportFor(host)).stat(`${p.partition}/FTREEDB`);
    const baseline = journal.find((e) => e.step === 'servers-entry' && e.host === host)?.detail?.ftreedbBefore;
    return { host, name: p.codaName, id, ip, ftreedbBefore: typeof baseline === 'number' ? baseline : 0, ftreedbAfter: stat.exists ? (stat.size ?? 0) : null };
  }));
}

async function gatherWhereis(ctx: ModuleContext, volumes: string[]): Promise<Map<string, Map<string, string[]>>> {
  const perClient = new Map<string, Map<string, string[]>>();
  await Promise.all(ctx.cluster!.hostsOf('clients').map(async (client) => {
    const paths = codaPathsOf(client, ctx.cluster!.varsOf(client));
    const byVolume = volumes.map((v) => volumePath(paths, v, ctx.cluster!.varsOf(client).volume_paths));
    const command = `cfs whereis ${byVolume.map(q).join(' ')}`;
    const known = recordedWhereis(ctx, client, command);
    const stdout = known ?? (await runOn(ctx, command, await ctx.cluster!.transportFor(client))).stdout;
    const parsed = parseWhereis(stdout, byVolume);
    perClient.set(client, new Map(volumes.map((v, i) => [v, parsed.get(byVolume[i]!) ?? []])));
  }));
  return perClient;
}

/** Per volume, how many files its existing replicas hold (the most any of them holds) and where that was read. */
async function gatherFiles(ctx: ModuleContext, lines: { name: string; count: number; slots: number[] }[], serversText: string, newIds: Set<number>): Promise<Map<string, { files: number | null; from: string }>> {
  const nameOfId = new Map(parseServers(serversText).entries.map((e) => [e.id, e.name.toLowerCase()]));
  const hostOfName = new Map(ctx.cluster!.hostsOf('servers').map((h) => [codaPathsOf(h, ctx.cluster!.varsOf(h)).codaName.toLowerCase(), h]));
  const cache = new Map<string, Promise<Map<number, number> | null>>();
  const containersOn = (host: string) => {
    if (!cache.has(host)) cache.set(host, readContainers(ctx, host).catch(() => null));
    return cache.get(host)!;
  };
  const out = new Map<string, { files: number | null; from: string }>();
  for (const l of lines) {
    let best: { files: number | null; from: string } = { files: null, from: 'no existing replica on a server of the inventory' };
    for (const id of l.slots.slice(0, l.count).filter((r) => !newIds.has(r >>> 24))) {
      const name = nameOfId.get(id >>> 24);
      const host = name ? hostOfName.get(name) : undefined;
      const counts = host ? await containersOn(host) : null;
      if (!counts) {
        if (best.files === null) best = { files: null, from: `FTREEDB of ${name ?? `server ${id >>> 24}`} not readable` };
        continue;
      }
      const files = counts.get(id) ?? 0;
      if (best.files === null || files > best.files) best = { files, from: `FTREEDB of ${name}, replica ${hex8(id)}` };
    }
    out.set(l.name, best);
  }
  return out;
}

/** The answers in `asks` order: recorded ones as they were, the rest asked now, a few at a time. */
async function askThenMerge(ctx: ModuleContext, asks: { known: string | undefined }[], calls: string[]): Promise<{ output: string }[]> {
  const fresh = await runLanes(ctx, calls, PROOF_LANES);
  let next = 0;
  return asks.map((a) => (a.known !== undefined ? { output: a.known } : fresh[next++]!));
}

export const codaVerify: ModuleDefinition<typeof schema> = {
  name: 'coda_verify',
  summary: 'Verify the new replicas with evidence: getvolinfo on every server, the VLDB, the data copy per volume (FTREEDB records), cfs whereis on every client',
  schema,
  checkModeSafe: true,
  async probe(ctx, args) {
    if (!ctx.cluster) throw new CodaStepError('coda_verify needs the engine\'s cluster access');
    if (ctx.check) return { changes: [], reason: 'check mode: verification needs the changes to have been made', data: { report: '(check mode: no evidence yet)', volumes: [] } };
    const { vicedir, codaName: scmName } = codaPathsOf(ctx.host.name, ctx.vars);
    const [vrlistBuf, serversBuf] = await Promise.all([ctx.transport.readFile(`${vicedir}/db/VRList`), ctx.transport.readFile(`${vicedir}/db/servers`)]);
    const wanted = await resolveVolumes(ctx, args.volumes);
    const lines = parseVRList(vrlistBuf?.toString('utf8') ?? '').entries.filter((l) => wanted.includes(l.name));
    const newServers = await gatherNewServers(ctx, serversBuf?.toString('utf8') ?? '', vicedir);
    const serverNames = [...new Set([...ctx.cluster.hostsOf('servers'), ...ctx.cluster.hostsOf('replicas')])].map((h) => codaPathsOf(h, ctx.cluster!.varsOf(h)).codaName);
    // A server that already proved a volume after its databases were final (coda_db_sync) is not asked again.
    const infoAsks = lines.flatMap((l) => serverNames.map((s) => ({ server: s, volume: l.name, known: recordedEvidence(ctx, s, l.name) })));
    const infoCalls = infoAsks.filter((a) => a.known === undefined).map((a) => `getvolinfo ${q(a.server)} ${q(a.volume)}`);
    // The SCM's VLDB answers for each new replica's name: proven by coda_db_sync on the SCM, or asked now.
    const vldbAsks = lines.flatMap((l) => newServers.map((n) => {
      const name = `${l.name}.${l.slots.slice(0, l.count).findIndex((id) => id >>> 24 === n.id)}`;
      return { known: recordedEvidence(ctx, scmName, name), call: `getvolinfo ${q(scmName)} ${q(name)}` };
    }));
    const vldbCalls = vldbAsks.filter((a) => a.known === undefined).map((a) => a.call);
    const newIds = new Set(newServers.flatMap((n) => (n.id === null ? [] : [n.id])));
    const [infos, vldbs, whereis, files, newContainers] = await Promise.all([
      askThenMerge(ctx, infoAsks, infoCalls), askThenMerge(ctx, vldbAsks, vldbCalls), gatherWhereis(ctx, lines.map((l) => l.name)),
      gatherFiles(ctx, lines, serversBuf?.toString('utf8') ?? '', newIds),
      Promise.all(newServers.map((n) => readContainers(ctx, n.host).catch(() => null))),
    ]);
    const volumes: VolumeEvidence[] = lines.map((l, li) => {
      const answers = serverNames.map((s, si) => ({ server: s, info: volInfoOf(infos[li * serverNames.length + si]?.output ?? '') }));
      return {
        volume: l.name,
        count: l.count,
        files: files.get(l.name)?.files ?? null,
        filesFrom: files.get(l.name)?.from ?? 'unknown',
        replicas: newServers.map((n, ni) => {
          const slot = l.slots.slice(0, l.count).findIndex((id) => id >>> 24 === n.id);
          const id = slot >= 0 ? l.slots[slot]! : 0;
          const vldb = volInfoOf(vldbs[li * newServers.length + ni]?.output ?? '');
          return {
            server: n.name, slot, id: hex8(id),
            getvolinfo: answers.map((a) => ({ server: a.server, ok: !!a.info && a.info.serverCount === l.count && a.info.replicas[slot]?.id === id && a.info.replicas[slot]?.ip === n.ip, count: a.info?.serverCount ?? null })),
            vldb: !!vldb && vldb.volumeId === id,
            whereis: [...whereis].map(([client, m]) => ({ client, ok: (m.get(l.name) ?? []).some((h) => h.toLowerCase() === n.name.toLowerCase() || h === n.ip || h.toLowerCase() === n.name.split('.')[0]!.toLowerCase()) })),
            containers: newContainers[ni] ? (newContainers[ni]!.get(id) ?? 0) : null,
          };
        }),
      };
    });
    const clients = ctx.cluster.hostsOf('clients');
    const mountpoint = clients[0] ? codaPathsOf(clients[0], ctx.cluster.varsOf(clients[0])).mountpoint : '/coda';
    const report = formatEvidence(volumes, newServers, { clients, realm: codaPathsOf(ctx.host.name, ctx.vars).realm, mountpoint });
    const failures = report.failures;
    if (failures.length) throw new CodaStepError(`verification failed:\n${failures.slice(0, 12).join('\n')}${failures.length > 12 ? `\n… ${failures.length - 12} more` : ''}\n\n${report.text}`);
    const warned = report.warnings.length ? `; WARNING: ${report.warnings.map((w) => w.split('\n')[0]).join('; ')}` : '';
    return { changes: [], reason: `evidence holds for ${volumes.length} volume(s) on ${serverNames.length} server(s)${warned}`, data: { report: report.text, volumes, new_servers: newServers, warnings: report.warnings } };
  },
  async apply() {
    return { changed: false, reason: 'verification changes nothing' };
  },
};
