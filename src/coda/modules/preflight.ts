// coda_preflight: read-only checks of the whole cell before anything changes (DESIGN "The add-replica job" 1).
// Runs on the SCM and reaches every other host through the run's persistent connections, all in parallel.
import { z } from 'zod';
import { volumesArg } from './volumes-arg.js';
import type { ModuleContext, ModuleDefinition } from '../../modules/module.js';
import type { Transport } from '../../transport/transport.js';
import { quoteShellArg as q } from '../../util/quote.js';
import { CodaStepError, runLanes, type BatchPart } from './coda-command.js';
import { Cell, codasrvFromProbe } from '../model/cell.js';
import { codaPathsOf } from './coda-vars.js';
import { surveyHost, type HostSurvey, type SurveyRole } from './host-survey.js';
import { readJournal } from './journal.js';
import { checkNameAgreement, checkNamesOnNewServer, checkPartition, chooseServerIds, selectVolumes, type Problem } from './preflight-checks.js';
import { parseServers, parseSrvLogVersion, parseVicetab, parseVRList } from '../parsers/index.js';

const schema = z.object({
  volumes: volumesArg.default('all'),
}).strict();

interface HostRole { host: string; role: SurveyRole }

function rolesOf(ctx: ModuleContext): HostRole[] {
  const cluster = ctx.cluster;
  if (!cluster) throw new CodaStepError('coda_preflight needs the engine\'s cluster access');
  const seen = new Set<string>([ctx.host.name]);
  const roles: HostRole[] = [{ host: ctx.host.name, role: 'scm' }];
  const add = (pattern: string, role: SurveyRole): void => {
    for (const host of cluster.hostsOf(pattern)) if (!seen.has(host)) { seen.add(host); roles.push({ host, role }); }
  };
  add('servers', 'server');
  add('replicas', 'replica');
  add('clients', 'client');
  return roles;
}

async function reach(ctx: ModuleContext, host: string, problems: Problem[]): Promise<Transport | null> {
  try {
    return host === ctx.host.name ? ctx.transport : await ctx.cluster!.transportFor(host);
  } catch (err) {
    problems.push({ host, message: `unreachable: ${err instanceof Error ? err.message : String(err)}`, fix: 'check the address, port, user and key in the inventory, and its host key in known_hosts' });
    return null;
  }
}

/**
 * Existing servers must answer (rpc2ping from the SCM, all at once) before anything changes; a server
 * that an interrupted codaplay run shut down (journal: shutdown without started) is allowed: the restart play
 * starts it again.
 */
async function checkServersUp(ctx: ModuleContext, surveys: HostSurvey[], problems: Problem[], vicedir: string, pinging: Promise<Map<string, BatchPart>>): Promise<Set<string>> {
  const [journal, pings] = await Promise.all([readJournal(ctx.transport, vicedir), pinging]);
  const servers = surveys.filter((x) => x.role === 'scm' || x.role === 'server');
  const answering = new Set<string>();
  servers.forEach((s) => {
    const ping = pings.get(s.host);
    if (ping?.code === 0) { answering.add(s.host); return; }
    const steps = journal.filter((e) => e.host === s.host && (e.step === 'shutdown' || e.step === 'started'));
    if (steps.at(-1)?.step === 'shutdown' && !(s.sections.running ?? '').trim()) return;
    problems.push({ host: s.host, message: `codasrv on ${s.paths.codaName} does not answer (rpc2ping: ${(ping?.output ?? '').trim() || 'no answer'})`, fix: `start it (startserver on ${s.host}) or fix its network, then rerun; replicas on a down server cannot be resolved` });
  });
  return answering;
}

/**
 * The cell model's codasrv facts from the survey, so no later probe asks again (or waits on a server that is
 * down): existing servers answer when rpc2ping did; a new server when its codasrv process runs.
 */
function seedModel(ctx: ModuleContext, surveys: HostSurvey[], pinged: Set<string>): void {
  const cell = Cell.of(ctx);
  for (const s of surveys.filter((x) => x.role !== 'client')) {
    const f = s.sections;
    const fact = codasrvFromProbe(`running=${(f.running ?? '').trim()}\npid_mtime=${(f.pid_mtime ?? '').trim()}\nservers_mtime=${(f.servers_mtime ?? '').trim()}\n`);
    cell.setCodasrv(s.host, { ...fact, answering: fact.running && (s.role === 'replica' || pinged.has(s.host)) });
  }
}

function detectVersion(surveys: HostSurvey[], wanted: unknown, problems: Problem[]): string {
  const found = surveys.map((s) => ({ host: s.host, v: parseSrvLogVersion(s.sections.version ?? '') })).filter((x) => x.v);
  const version = typeof wanted === 'string' && wanted ? wanted : (found[0]?.v ?? '6.9');
  for (const f of found) {
    if (f.v !== version) problems.push({ host: f.host, message: `codasrv reports Coda ${f.v}, expected ${version}`, fix: 'set coda_version to what the cell runs, or upgrade the servers to one version' });
  }
  return version;
}

export const codaPreflight: ModuleDefinition<typeof schema> = {
  name: 'coda_preflight',
  summary: 'Read-only checks before adding replicas: hosts, Coda version, names, server ids, partition, volumes',
  schema,
  checkModeSafe: true,
  async probe(ctx, args) {
    const problems: Problem[] = [];
    const roles = rolesOf(ctx);
    const replicaHosts = roles.filter((r) => r.role === 'replica').map((r) => r.host);
    if (replicaHosts.length === 0) throw new CodaStepError('the inventory group replicas is empty: name the new server(s) there');
    const names = roles.map((r) => codaPathsOf(r.host, ctx.cluster!.varsOf(r.host)).codaName);
    // The existing servers are pinged from the SCM while the hosts are surveyed: neither waits on the other.
    const pinged = roles.map((r, i) => ({ r, name: names[i]! })).filter(({ r }) => r.role === 'scm' || r.role === 'server');
    const pinging = runLanes(ctx, pinged.map(({ name }) => `rpc2ping ${q(name)}`), pinged.length)
      .then((parts) => new Map(pinged.map(({ r }, i) => [r.host, parts[i]!])));
    pinging.catch(() => undefined);
    const transports = await Promise.all(roles.map((r) => reach(ctx, r.host, problems)));
    const surveys = (await Promise.all(roles.map((r, i) => transports[i] ? surveyHost(ctx, r.host, r.role, transports[i]!, names) : null)))
      .filter((s): s is HostSurvey => s !== null);
    const scm = surveys.find((s) => s.role === 'scm');
    if (!scm || problems.length) return report(problems);
    const listed = parseServers(scm.sections.servers ?? '').entries;
    const version = detectVersion(surveys, ctx.vars.coda_version, problems);
    const plans = chooseServerIds(replicaHosts.map((host) => {
      const p = codaPathsOf(host, ctx.cluster!.varsOf(host));
      return { host, name: p.codaName, wantedId: p.serverId };
    }), listed, problems);
    for (const plan of plans) checkNameAgreement(plan, surveys, problems);
    for (const r of surveys.filter((s) => s.role === 'replica')) {
      checkNamesOnNewServer(r, [...listed.map((e) => e.name), ...plans.map((p) => p.name)], problems);
      // A bare host (inventory bare: true) whose partition is not set up yet gets it from vice_setup, the next play.
      const bare = ctx.cluster!.varsOf(r.host).bare === true && !(r.sections.setup ?? '').trim();
      if (!bare) checkPartition(r, parseVicetab(r.sections.vicetab ?? '').entries.map((e) => e.dir), problems);
    }
    const volumes = selectVolumes(args.volumes, parseVRList(scm.sections.VRList ?? '').entries, plans, scm.host, problems);
    const answering = await checkServersUp(ctx, surveys, problems, scm.paths.vicedir, pinging);
    if (problems.length) return report(problems);
    seedModel(ctx, surveys, answering);
    const summary = `Coda ${version}; ${plans.map((p) => `${p.name} id ${p.id} at ${p.ip}`).join(', ')}; ${volumes.length} volume(s)`;
    return {
      changes: [],
      reason: `all checks passed: ${summary}`,
      data: {
        version,
        volumes: volumes.map((v) => v.name),
        new_servers: plans,
        hosts: surveys.map((s) => s.host),
      },
    };
  },
  async apply() {
    return { changed: false, reason: 'preflight changes nothing' };
  },
};

function report(problems: Problem[]): never {
  const lines = problems.map((p) => `- ${p.host}: ${p.message}\n    fix: ${p.fix}`);
  throw new CodaStepError(`preflight found ${problems.length} problem(s); nothing was changed:\n${lines.join('\n')}`, {
    hint: 'fix each problem on the host it names, then run again',
  });
}
