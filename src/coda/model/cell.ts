// The cell model as the Coda modules see it: each fact is read once per run from the host that holds it (through
// src/coda/parsers), kept in the run's store (ModuleContext.runStore), and, in --check, replaced by what an earlier
// task's change would leave (its module's predict()). A real run decides with the same code; the engine empties
// the store after every real change, so a probe never reads a stale fact. Probes never call a codasrv the model
// says is not answering: its replicas come from the SCM's cached list of it, or are none.
import type { ModuleContext } from '../../modules/module.js';
import type { Transport } from '../../transport/transport.js';
import { quoteShellArg as q } from '../../util/quote.js';
import { parseMaxVolumeId, parseServers, parseVolumeList, parseVRList, type ServerEntry, type VRListEntry } from '../parsers/index.js';
import { CodaStepError, runLanes, runOn } from '../modules/coda-command.js';
import { codaPathsOf, type CodaHostPaths } from '../modules/coda-vars.js';
import { highestId, replicasOfList, textOf, volumesFromCache, type CodasrvFact, type FileFact, type ReplicaFact, type VolumesFact } from './facts.js';

const STORE_KEY = 'coda.cell';
/** volutil -t: a probe asking a server that may be down gives up after this (real Coda honours it, OBSERVED). */
export const PROBE_TIMEOUT_SECONDS = 5;
/** At most this many probe calls at once on one connection (DESIGN: ~8 channels per host). */
const MAX_PROBE_CHANNELS = 8;

type Facts = Map<string, Promise<unknown>>;

export class Cell {
  private constructor(private readonly ctx: ModuleContext, private readonly facts: Facts) {}

  /** The run's model (a throw-away one when the engine gives no store, e.g. in unit tests). */
  static of(ctx: ModuleContext): Cell {
    let facts = ctx.runStore?.get(STORE_KEY) as Facts | undefined;
    if (!facts) {
      facts = new Map();
      ctx.runStore?.set(STORE_KEY, facts);
    }
    return new Cell(ctx, facts);
  }

  get predicting(): boolean {
    return this.ctx.check;
  }

  private fact<T>(key: string, load: () => Promise<T>): Promise<T> {
    const known = this.facts.get(key);
    if (known) return known as Promise<T>;
    const p = load();
    this.facts.set(key, p);
    // A failed read is not a fact: the next probe tries again.
    p.catch(() => { if (this.facts.get(key) === p) this.facts.delete(key); });
    return p;
  }

  private set(key: string, value: unknown): void {
    this.facts.set(key, Promise.resolve(value));
  }

  /** Drop facts a real change touched (a module's learn()); the next probe reads them again. */
  forgetFile(host: string, name: string): void {
    this.facts.delete(`file:${host}:${name}`);
  }

  forgetCodasrv(host: string): void {
    this.facts.delete(`codasrv:${host}`);
  }

  /** Every server's replica list: a client's walk changes what the replicas hold (getvolumelist's usage). */
  forgetVolumes(): void {
    for (const key of [...this.facts.keys()]) if (key.startsWith('volumes:')) this.facts.delete(key);
  }

  forgetRemoteList(codaName: string): void {
    this.facts.delete(`remote:${codaName}`);
  }

  forgetVldb(): void {
    this.facts.delete('vldb-current');
  }

  scmHost(): string {
    return this.ctx.cluster?.hostsOf('scm')[0] ?? this.ctx.host.name;
  }

  paths(host: string): CodaHostPaths {
    const vars = host === this.ctx.host.name ? this.ctx.vars : this.ctx.cluster?.varsOf(host) ?? {};
    return codaPathsOf(host, vars);
  }

  async transport(host: string): Promise<Transport> {
    if (host === this.ctx.host.name) return this.ctx.transport;
    if (!this.ctx.cluster) throw new CodaStepError(`no connection to ${host}: the engine gave no cluster access`);
    return this.ctx.cluster.transportFor(host);
  }

  // ---- files --------------------------------------------------------------------------------------------------

  /** `<vicedir>/db/<name>` on a host. */
  file(host: string, name: string): Promise<FileFact> {
    return this.fact(`file:${host}:${name}`, async () => {
      const data = await (await this.transport(host)).readFile(`${this.paths(host).vicedir}/db/${name}`);
      return { data: data ?? null, predicted: false };
    });
  }

  setFile(host: string, name: string, fact: FileFact): void {
    this.set(`file:${host}:${name}`, fact);
  }

  async servers(host = this.scmHost()): Promise<ServerEntry[]> {
    return parseServers(textOf(await this.file(host, 'servers'))).entries;
  }

  async vrlist(host = this.scmHost()): Promise<VRListEntry[]> {
    return parseVRList(textOf(await this.file(host, 'VRList'))).entries;
  }

  /** 'all' or a list -> volume names, in the SCM's VRList order. */
  async volumeNames(requested: 'all' | string[]): Promise<string[]> {
    return requested === 'all' ? (await this.vrlist()).map((v) => v.name) : requested;
  }

  // ---- codasrv ------------------------------------------------------------------------------------------------

  codasrv(host: string): Promise<CodasrvFact> {
    return this.fact(`codasrv:${host}`, async () => {
      const vicedir = this.paths(host).vicedir;
      const out = await runOn(this.ctx, codasrvProbeScript(vicedir), await this.transport(host));
      return codasrvFromProbe(out.stdout);
    });
  }

  setCodasrv(host: string, fact: CodasrvFact): void {
    this.set(`codasrv:${host}`, fact);
  }

  // ---- replicas on servers ------------------------------------------------------------------------------------

  /**
   * Each server's replicas and MaxVolId, asked from the SCM in one round trip (bounded by volutil -t) for the
   * servers that answer; a server that does not answer is taken from the SCM's cached list of it in --check, and
   * is an error in a real run (nothing can be created on it).
   */
  async volumes(hosts: string[]): Promise<VolumesFact[]> {
    const missing = hosts.filter((h) => !this.facts.has(`volumes:${h}`));
    if (missing.length) {
      const loading = this.loadVolumes(missing);
      for (const h of missing) this.fact(`volumes:${h}`, async () => (await loading).get(h)!).catch(() => undefined);
    }
    return Promise.all(hosts.map((h) => this.facts.get(`volumes:${h}`) as Promise<VolumesFact>));
  }

  /**
   * Load the lists of every given server that answers, in one round of calls, so the probes that follow (the new
   * servers' lists, the holders of existing replicas) find them known instead of asking one after another.
   */
  async prefetchVolumes(hosts: string[]): Promise<void> {
    const states = await Promise.all(hosts.map((h) => this.codasrv(h)));
    await this.volumes(hosts.filter((_, i) => states[i]!.answering)).catch(() => undefined);
  }

  setVolumes(host: string, fact: VolumesFact): void {
    this.set(`volumes:${host}`, fact);
  }

  private async loadVolumes(hosts: string[]): Promise<Map<string, VolumesFact>> {
    const out = new Map<string, VolumesFact>();
    const servers = await this.servers();
    const states = await Promise.all(hosts.map((h) => this.codasrv(h)));
    const asked: { host: string; name: string; serverId: number }[] = [];
    for (const [i, host] of hosts.entries()) {
      const name = this.paths(host).codaName;
      const serverId = servers.find((e) => e.name.toLowerCase() === name.toLowerCase())?.id ?? this.paths(host).serverId ?? 0;
      if (states[i]!.answering) asked.push({ host, name, serverId });
      else if (this.predicting) out.set(host, volumesFromCache(serverId, await this.remoteList(name)));
      else throw new CodaStepError(`codasrv on ${name} is not running: its replicas cannot be listed`, { hint: `start it (the restart plays do), then rerun` });
    }
    const t = PROBE_TIMEOUT_SECONDS;
    // Each server's two calls on its two volutil workers, every server at once (channels on the SCM's connection).
    const commands = asked.flatMap((a) => [listCommand(t, a.name), `volutil -t ${t} -h ${q(a.name)} getmaxvol`]);
    const parts = await runLanes(this.ctx, commands, Math.min(MAX_PROBE_CHANNELS, commands.length), await this.transport(this.scmHost()));
    asked.forEach((a, i) => {
      const list = parseVolumeList(parts[2 * i]?.output ?? '');
      if (!list.ok) throw new CodaStepError(`volutil getvolumelist on ${a.name} failed: ${list.error}`, { hint: `is codasrv running on ${a.host}?` });
      const max = parseMaxVolumeId(parts[2 * i + 1]?.output ?? '');
      const replicas = list.value.volumes.map((v) => ({ name: v.name, id: v.id, diskUsed: v.diskUsed, predicted: false }));
      out.set(a.host, { replicas, maxVolId: highestId(a.serverId, replicas, max.ok ? max.value : null), source: 'getvolumelist', predicted: false });
    });
    return out;
  }

  /** The SCM's cached getvolumelist of a server (`<vicedir>/vol/remote/<name>.list`, bldvldb.sh keeps it). */
  remoteList(codaName: string): Promise<ReplicaFact[] | null> {
    return this.fact(`remote:${codaName}`, async () => {
      const scm = this.scmHost();
      const text = (await (await this.transport(scm)).readFile(`${this.paths(scm).vicedir}/vol/remote/${codaName}.list`))?.toString('utf8') ?? null;
      return replicasOfList(text);
    });
  }

  setRemoteList(codaName: string, replicas: ReplicaFact[]): void {
    this.set(`remote:${codaName}`, replicas);
  }

  // ---- the SCM's VRDB and VLDB ---------------------------------------------------------------------------------

  /** The VRDB the SCM's codasrv holds (dumpvrdb), as VRList text; null when it cannot be dumped. */
  vrdb(): Promise<string | null> {
    return this.fact('vrdb', async () => {
      const scm = this.scmHost();
      if (!(await this.codasrv(scm)).answering) return null;
      const tmp = `/tmp/codaplay-vrdb.${process.pid}.${Date.now()}`;
      const name = this.paths(scm).codaName;
      const out = await runOn(this.ctx, `volutil -t ${PROBE_TIMEOUT_SECONDS} -h ${q(name)} dumpvrdb ${q(tmp)} >/dev/null 2>&1 && cat ${q(tmp)}; rc=$?; rm -f ${q(tmp)}; exit $rc`, await this.transport(scm));
      return out.code === 0 ? out.stdout : null;
    });
  }

  setVrdb(text: string): void {
    this.set('vrdb', text);
  }

  /**
   * A real run's VRList edit gave volumes replica ids that exist in no VRDB yet: the server's VRDB is behind it
   * without asking (dumpvrdb) to see it. coda_vrdb's makevrdb clears it.
   */
  setVrdbBehind(behind: boolean): void {
    this.set('vrdb-behind', behind);
  }

  async vrdbBehind(): Promise<boolean> {
    return (await (this.facts.get('vrdb-behind') ?? Promise.resolve(false))) === true;
  }

  /** The VLDB was built after the last BigVolumeList (bldvldb.sh builds both, VLDB last). */
  vldbCurrent(): Promise<boolean> {
    return this.fact('vldb-current', async () => {
      const scm = this.scmHost();
      const t = await this.transport(scm);
      const vicedir = this.paths(scm).vicedir;
      const [big, vldb] = await Promise.all([t.stat(`${vicedir}/vol/BigVolumeList`), t.stat(`${vicedir}/db/VLDB`)]);
      return big.exists && vldb.exists && (vldb.mtimeMs ?? 0) >= (big.mtimeMs ?? 0);
    });
  }

  setVldbCurrent(value: boolean): void {
    this.set('vldb-current', value);
  }
}

/** One command that says whether codasrv runs and whether the servers file changed after it started. */
export function codasrvProbeScript(vicedir: string): string {
  const pidFile = q(`${vicedir}/srv/pid`);
  return [
    `p=$(cat ${pidFile} 2>/dev/null)`,
    `if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then echo "running=$p"; else echo running=; fi`,
    `echo "pid_mtime=$(stat -c %.3Y ${pidFile} 2>/dev/null)"`,
    `echo "servers_mtime=$(stat -c %.3Y ${q(`${vicedir}/db/servers`)} 2>/dev/null)"`,
  ].join('; ');
}

export function codasrvFromProbe(text: string): CodasrvFact {
  const field = (key: string): string => (new RegExp(`^${key}=(.*)$`, 'm').exec(text)?.[1] ?? '').trim();
  const num = (key: string): number | null => (field(key) === '' ? null : Number(field(key)));
  const pid = num('running');
  const pidMtime = num('pid_mtime');
  const serversMtime = num('servers_mtime');
  const running = pid !== null;
  const stale = running && pidMtime !== null && serversMtime !== null && serversMtime > pidMtime;
  return { running, answering: running, pid, stale, predicted: false };
}

/**
 * getvolumelist into a local file, then the file (as bldvldb.sh does): to stdout, a long list (stdio flushes a pipe
 * every 4 KiB) gets volutil's stderr "GetVolumeList finished successfully" spliced into the middle of a line
 * once the batch merges the two streams, and the list of a 1,000-volume server no longer parses. Exit status kept.
 */
function listCommand(timeout: number, server: string): string {
  return `f=$(mktemp) && { volutil -t ${timeout} -h ${q(server)} getvolumelist "$f"; r=$?; cat "$f"; rm -f "$f"; (exit $r); }`;
}
