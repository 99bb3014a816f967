// The volumes each new server holds now, from the cell model (getvolumelist asked from the SCM in one round trip,
// or, in --check, what the earlier tasks would leave), keyed by name: how coda_replicas adopts what an interrupted
// run created and coda_vrlist finds the new ids.
import type { ModuleContext } from '../../modules/module.js';
import { Cell } from '../model/cell.js';
import { CodaStepError } from './coda-command.js';
import type { ServerVolumes } from './replica-plan.js';
import { chooseServerIds } from './preflight-checks.js';

export async function newServerVolumes(ctx: ModuleContext, hosts: string[]): Promise<ServerVolumes[]> {
  const cell = Cell.of(ctx);
  const listed = await cell.servers();
  // A new server the servers task has not listed (its task left out by --tags) is predicted as that task would
  // list it, holding nothing; a real run stops instead.
  const predicted = chooseServerIds(hosts.map((host) => {
    const p = cell.paths(host);
    return { host, name: p.codaName, wantedId: p.serverId };
  }), listed, []);
  const servers: ServerVolumes[] = hosts.map((host, i) => {
    const { codaName } = cell.paths(host);
    const entry = listed.find((e) => e.name.toLowerCase() === codaName.toLowerCase());
    if (!entry && !ctx.check) throw new CodaStepError(`${codaName} is not in the SCM's servers file yet`, { hint: 'run the servers play first (or the whole playbook)' });
    return { host, codaName, serverId: entry?.id ?? predicted[i]!.id, volumes: new Map<string, number>(), predicted: new Set<string>(), listed: Boolean(entry) };
  });
  const known = servers.filter((s) => s.listed);
  const facts = await cell.volumes(known.map((s) => s.host));
  known.forEach((s, i) => {
    for (const r of facts[i]!.replicas) {
      s.volumes.set(r.name, r.id);
      if (r.predicted) s.predicted!.add(r.name);
    }
  });
  return servers;
}
