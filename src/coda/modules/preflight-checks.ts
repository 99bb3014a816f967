// The preflight's judgement, as a pure function of what the hosts said: every problem names the host and
// the fix. Nothing here talks to a host, so each rule is a table-driven unit test.
import type { VRListEntry } from '../parsers/index.js';
import type { HostSurvey } from './host-survey.js';

export interface Problem {
  host: string;
  message: string;
  fix: string;
}

/** A volume's VRList line as the parser reads it (src/coda/parsers/vrlist.ts). */
export type VolumeLine = Pick<VRListEntry, 'name' | 'groupId' | 'count' | 'slots'>;

export interface NewServerPlan {
  host: string;
  name: string;
  id: number;
  ip: string | null;
  /** Already listed in the SCM's servers file (an earlier run got that far). */
  listed: boolean;
}

const RESERVED_IDS = new Set([0, 127, 255]);
const isCodaLoopback = (ip: string): boolean => ip === '127.0.0.1' || ip === '127.0.1.1';

export function validServerId(id: number): string | null {
  if (!Number.isInteger(id) || id < 0) return `server id ${id} is not a whole number`;
  if (id >= 256) return `server id ${id} is bogus: ids must be below 256`;
  if (RESERVED_IDS.has(id)) return `server id ${id} is reserved (0, 127 and 255 are)`;
  return null;
}

export function chooseServerIds(
  replicas: { host: string; name: string; wantedId?: number }[],
  listed: { name: string; id: number }[],
  problems: Problem[],
): NewServerPlan[] {
  const used = new Set(listed.map((e) => e.id));
  const plans: NewServerPlan[] = [];
  for (const r of replicas) {
    const existing = listed.find((e) => e.name.toLowerCase() === r.name.toLowerCase());
    if (existing) {
      if (r.wantedId !== undefined && r.wantedId !== existing.id) {
        problems.push({ host: r.host, message: `${r.name} is already listed in servers with id ${existing.id}, not ${r.wantedId}`, fix: `set server_id: ${existing.id} for ${r.host} (a server id must never change once used)` });
      }
      plans.push({ host: r.host, name: r.name, id: existing.id, ip: null, listed: true });
      continue;
    }
    let id = r.wantedId;
    if (id !== undefined) {
      const invalid = validServerId(id);
      if (invalid) problems.push({ host: r.host, message: invalid, fix: 'choose a server id from 1–126 or 128–254' });
      const owner = listed.find((e) => e.id === id);
      if (owner) problems.push({ host: r.host, message: `server id ${id} is already used by ${owner.name}`, fix: 'choose a free id, or leave server_id unset to get the lowest free one' });
    } else {
      id = 1;
      while (used.has(id) || RESERVED_IDS.has(id)) id++;
      if (id > 254) problems.push({ host: r.host, message: 'no free server id left', fix: 'retire a server first' });
    }
    used.add(id);
    plans.push({ host: r.host, name: r.name, id, ip: null, listed: false });
  }
  return plans;
}

/** The new server's name must resolve to one routable address on every server and client (REFERENCE §9.1). */
export function checkNameAgreement(plan: NewServerPlan, surveys: HostSurvey[], problems: Problem[]): void {
  const self = surveys.find((s) => s.host === plan.host);
  const own = self?.resolved[plan.name] ?? null;
  if (!own) {
    problems.push({ host: plan.host, message: `${plan.name} does not resolve on the new server itself`, fix: `add ${plan.name} to its /etc/hosts or DNS` });
    return;
  }
  if (isCodaLoopback(own)) {
    problems.push({ host: plan.host, message: `${plan.name} resolves to the loopback address ${own}; codasrv refuses it and clients could not reach it`, fix: 'map the name to the routable address (Debian puts the hostname on 127.0.1.1), or set ipaddress= in server.conf' });
  }
  plan.ip = own;
  for (const s of surveys) {
    if (s.host === plan.host) continue;
    const seen = s.resolved[plan.name] ?? null;
    if (seen === null) problems.push({ host: s.host, message: `${plan.name} does not resolve on ${s.host}`, fix: `make ${s.host}'s /etc/hosts or DNS map ${plan.name} to ${own}` });
    else if (seen !== own) problems.push({ host: s.host, message: `${s.host} resolves ${plan.name} to ${seen}, but the new server says ${own}`, fix: `make ${s.host}'s /etc/hosts or DNS agree (${plan.name} → ${own})` });
  }
}

/** Every name in servers (and every new name) must resolve on the new server, or its codasrv will not start. */
export function checkNamesOnNewServer(replica: HostSurvey, names: string[], problems: Problem[]): void {
  for (const name of names) {
    if (!replica.resolved[name]) {
      problems.push({ host: replica.host, message: `${name} (listed in servers) does not resolve on ${replica.host}; its codasrv would exit at start-up`, fix: `add ${name} to ${replica.host}'s /etc/hosts or DNS` });
    }
  }
}

export function checkPartition(replica: HostSurvey, vicetabDirs: string[], problems: Problem[]): void {
  const partition = replica.paths.partition;
  if (!vicetabDirs.includes(partition)) {
    problems.push({ host: replica.host, message: `partition ${partition} is not in ${replica.paths.vicedir}/db/vicetab`, fix: 'run vice-setup on the new server (or add the vicetab line and create the partition with an empty FTREEDB)' });
  }
  if (Buffer.byteLength(partition) >= 32) {
    problems.push({ host: replica.host, message: `partition path ${partition} is ${Buffer.byteLength(partition)} bytes; create_rep fails for 32 or more`, fix: 'use a shorter partition path (e.g. /vicepb)' });
  }
}

/** Volumes to work on; each must exist and have room for the new replicas unless it already holds them. */
export function selectVolumes(requested: 'all' | string[], lines: VolumeLine[], plans: NewServerPlan[], scmHost: string, problems: Problem[]): VolumeLine[] {
  const chosen: VolumeLine[] = [];
  const wanted = requested === 'all' ? lines.map((l) => l.name) : requested;
  for (const name of wanted) {
    const line = lines.find((l) => l.name === name);
    if (!line) {
      problems.push({ host: scmHost, message: `volume ${name} is not in VRList`, fix: 'check the name (getvolinfo <scm> <name>) or create it with createvol_rep' });
      continue;
    }
    const missing = plans.filter((p) => !line.slots.slice(0, line.count).some((id) => id >>> 24 === p.id));
    if (line.count + missing.length > 8) {
      problems.push({ host: scmHost, message: `volume ${name} has ${line.count} replicas; adding ${missing.length} would exceed Coda's 8`, fix: 'leave it out of volumes' });
      continue;
    }
    chosen.push(line);
  }
  return chosen;
}
