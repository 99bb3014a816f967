// `codaplay inventory discover`: read an existing cell from its SCM and each listed server, read-only. The SCM's
// server.conf gives vicedir; its db/servers the servers and ids, db/VRList the volumes, db/scm the SCM's own name;
// each server's own server.conf and vicetab its vicedir and partition. Every Coda file goes through the lossless
// parsers (src/coda/parsers); nothing is written on any host.
import { lookup } from 'node:dns/promises';
import { findServer, parseServers } from '../parsers/servers-file.js';
import { getValue, parseConf } from '../parsers/codaconf.js';
import { parseVRList } from '../parsers/vrlist.js';
import { parseVicetab, partitionsOf } from '../parsers/vicetab.js';
import type { Transport } from '../../transport/transport.js';
import { quoteShellArg as q } from '../../util/quote.js';

/** Where codaconf_init looks when CODACONFPATH is unset (8.1: <prefix>/etc/coda), then 6.x's <prefix>/etc. */
export const CONF_DIRS = ['/usr/local/etc/coda', '/etc/coda', '/usr/etc/coda', '/usr/local/etc', '/usr/etc', '/etc'];

export interface DiscoveredServer {
  /** The name as the servers file lists it (coda_name). */
  codaName: string;
  serverId: number;
  /** What to connect to: the --scm argument for the SCM, else the name or the address the SCM resolves it to. */
  address: string;
  isScm: boolean;
  confdir?: string;
  vicedir?: string;
  partition?: string;
  /** Why a value could not be read (the entry is still written, with a comment). */
  problems: string[];
}

export interface DiscoveredCell {
  scmName: string;
  volumes: string[];
  codaVersion?: string;
  servers: DiscoveredServer[];
  usedIds: number[];
}

export class DiscoverError extends Error {}

export interface DiscoverOptions {
  scm: string;
  /** Opens a connection to a host (host keys verified as for any run). */
  connect: (codaName: string, address: string) => Transport;
  /** Forces the directory holding server.conf on every server. */
  confdir?: string;
  /** Resolves a server name on this machine; a name that does not resolve here is resolved on the SCM. */
  resolveLocally?: (name: string) => Promise<boolean>;
}

const text = (b: Buffer | null): string | undefined => (b === null ? undefined : b.toString('utf8'));

async function findConfdir(t: Transport, forced?: string): Promise<string | undefined> {
  if (forced) return forced;
  const script = `for d in $(printf '%s' "\${CODACONFPATH:-}" | tr ':' ' ') ${CONF_DIRS.map(q).join(' ')}; do if [ -f "$d/server.conf" ]; then printf '%s\\n' "$d"; exit 0; fi; done; exit 1`;
  const r = await t.exec(script, { timeoutMs: 20_000 });
  return r.code === 0 ? r.stdout.split('\n')[0] : undefined;
}

/** vicedir from the host's server.conf (Coda's default /vice when unset). */
async function readServerConf(t: Transport, confdir: string): Promise<string> {
  const conf = parseConf(text(await t.readFile(`${confdir}/server.conf`)) ?? '');
  return getValue(conf, 'vicedir') ?? '/vice';
}

async function readVersion(t: Transport, vicedir: string): Promise<string | undefined> {
  const r = await t.exec(`grep -m 1 -h 'Coda Vice, version' ${q(`${vicedir}/srv/SrvLog`)} ${q(`${vicedir}/srv/SrvLog-0`)} 2>/dev/null`, { timeoutMs: 20_000 });
  return /version\s+(\d+\.\d+)/.exec(r.stdout)?.[1];
}

async function resolveOnScm(scm: Transport, name: string): Promise<string | undefined> {
  const r = await scm.exec(`getent hosts ${q(name)} | head -n 1`, { timeoutMs: 20_000 });
  return r.stdout.trim().split(/\s+/)[0] || undefined;
}

const resolvesHere = async (name: string): Promise<boolean> => lookup(name).then(() => true, () => false);

/** Confdir, vicedir and partition of one server, read on that server. */
async function describeServer(s: DiscoveredServer, t: Transport, forcedConfdir?: string): Promise<void> {
  s.confdir = await findConfdir(t, forcedConfdir);
  if (!s.confdir) { s.problems.push(`no server.conf in $CODACONFPATH or ${CONF_DIRS.join(', ')}`); return; }
  s.vicedir = await readServerConf(t, s.confdir);
  const vicetab = parseVicetab(text(await t.readFile(`${s.vicedir}/db/vicetab`)) ?? '');
  const parts = partitionsOf(vicetab, s.codaName);
  if (parts[0]) s.partition = parts[0].dir;
  else s.problems.push(`no partition for ${s.codaName} in ${s.vicedir}/db/vicetab`);
}

export async function discoverCell(o: DiscoverOptions): Promise<DiscoveredCell> {
  const scm = o.connect(o.scm, o.scm);
  const opened: Transport[] = [scm];
  try {
    await scm.connect();
    const confdir = await findConfdir(scm, o.confdir);
    if (!confdir) throw new DiscoverError(`${o.scm}: no server.conf in $CODACONFPATH or ${CONF_DIRS.join(', ')} (use --confdir)`);
    const vicedir = await readServerConf(scm, confdir);
    const serversText = text(await scm.readFile(`${vicedir}/db/servers`));
    if (serversText === undefined) throw new DiscoverError(`${o.scm}: no ${vicedir}/db/servers (vicedir from ${confdir}/server.conf): is ${o.scm} a Coda server?`);
    const servers = parseServers(serversText);
    const scmName = (text(await scm.readFile(`${vicedir}/db/scm`)) ?? text(await scm.readFile(`${vicedir}/hostname`)) ?? '').trim();
    const scmEntry = findServer(servers, scmName);
    if (!scmEntry) throw new DiscoverError(`${o.scm}: the SCM's name '${scmName}' (${vicedir}/db/scm) is not listed in ${vicedir}/db/servers`);
    const vrlist = parseVRList(text(await scm.readFile(`${vicedir}/db/VRList`)) ?? '');
    const found: DiscoveredServer[] = [];
    for (const e of servers.entries) {
      if (found.some((f) => f.codaName.toLowerCase() === e.name.toLowerCase())) continue;
      const isScm = e === scmEntry || e.name.toLowerCase() === scmName.toLowerCase();
      let address = isScm ? o.scm : e.name;
      if (!isScm && !(await (o.resolveLocally ?? resolvesHere)(e.name))) address = (await resolveOnScm(scm, e.name)) ?? e.name;
      found.push({ codaName: e.name, serverId: findServer(servers, e.name)!.id, address, isScm, problems: [] });
    }
    for (const s of found) {
      let t = scm;
      if (!s.isScm) {
        t = o.connect(s.codaName, s.address);
        opened.push(t);
        try { await t.connect(); } catch (err) { s.problems.push(`cannot connect to ${s.address}: ${(err as Error).message}`); continue; }
      }
      await describeServer(s, t, o.confdir);
    }
    return { scmName: scmEntry.name, volumes: vrlist.entries.map((v) => v.name), codaVersion: await readVersion(scm, vicedir), servers: found, usedIds: servers.entries.map((e) => e.id) };
  } finally {
    await Promise.all(opened.map((t) => t.close().catch(() => undefined)));
  }
}
