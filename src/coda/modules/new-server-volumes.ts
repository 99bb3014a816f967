// The volumes each new server holds now (volutil getvolumelist, asked from the SCM in one round trip),
// keyed by name: how coda_replicas adopts what an interrupted run created and coda_vrlist finds the new ids.
import type { ModuleContext } from '../../modules/module.js';
import { quoteShellArg as q } from '../../util/quote.js';
import { CodaStepError, runBatch } from './coda-command.js';
import { codaPathsOf } from './coda-vars.js';
import { parseServers, parseVolumeList } from '../parsers/index.js';
import type { ServerVolumes } from './replica-plan.js';
import { chooseServerIds } from './preflight-checks.js';

export async function newServerVolumes(ctx: ModuleContext, hosts: string[], serversText: string): Promise<ServerVolumes[]> {
  const listed = parseServers(serversText).entries;
  // In check mode the earlier tasks did not run: a new server that is not listed (or not started) yet is
  // predicted as the servers task would list it, holding no volumes, so --check shows the whole plan.
  const predicted = chooseServerIds(hosts.map((host) => {
    const p = codaPathsOf(host, ctx.cluster?.varsOf(host) ?? {});
    return { host, name: p.codaName, wantedId: p.serverId };
  }), listed, []);
  const servers = hosts.map((host, i) => {
    const { codaName } = codaPathsOf(host, ctx.cluster?.varsOf(host) ?? {});
    const entry = listed.find((e) => e.name.toLowerCase() === codaName.toLowerCase());
    if (!entry && !ctx.check) throw new CodaStepError(`${codaName} is not in the SCM's servers file yet`, { hint: 'run the servers play first (or the whole playbook)' });
    return { host, codaName, serverId: entry?.id ?? predicted[i]!.id, volumes: new Map<string, number>(), listed: Boolean(entry) };
  });
  const parts = await runBatch(ctx, servers.map((s) => `volutil -h ${q(s.codaName)} getvolumelist`));
  servers.forEach((s, i) => {
    const part = parts[i];
    if (ctx.check && (!s.listed || !part || part.code !== 0)) return;
    if (!part || part.code !== 0) throw new CodaStepError(`volutil getvolumelist on ${s.codaName} failed: ${part?.output.trim().split('\n').slice(-2).join(' / ')}`, { hint: `is codasrv running on ${s.host}?` });
    const list = parseVolumeList(part.output);
    if (!list.ok) throw new CodaStepError(`volutil getvolumelist on ${s.codaName}: ${list.error}`);
    s.volumes = new Map(list.value.volumes.map((v) => [v.name, v.id]));
  });
  return servers;
}
