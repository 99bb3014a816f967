// VInitServerList as codasrv does it at start-up (REFERENCE §2): read <vicedir>/db/servers with Coda's sscanf
// ("%50s %u" in 6.9+, "%s%u" in 6.1), resolve every name through this host's hosts file, apply the loopback
// rule and ipaddress=, and find this server's own line by first IP. Any problem is fatal, with Coda's message.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodaVersion } from '../core/lab-config.js';
import { isCodaLoopback, resolveName } from '../core/name-service.js';
import type { ServerTableEntry } from './runtime.js';

export interface ServersTable {
  table: Map<number, ServerTableEntry>;
  selfId: number;
}

/** Coda's sscanf: a line counts only when it yields a name and an unsigned number. */
export function scanServersLine(line: string, version: CodaVersion): { name: string; id: number } | null {
  const m = version === '6.1' ? /^\s*(\S+)\s*([0-9]+)/.exec(line) : /^\s*(\S{1,50})\S*\s+([0-9]+)/.exec(line);
  if (!m) return null;
  return { name: m[1]!.replace(/:\d+$/, ''), id: Number(m[2]) };
}

export function loadServersTable(root: string, vicedir: string, version: CodaVersion, selfName: string, ipaddress: string | undefined): ServersTable | { error: string } {
  const file = join(vicedir, 'db', 'servers');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { error: `Couldn't open ${file}` };
  }
  const table = new Map<number, ServerTableEntry>();
  for (const line of text.split('\n')) {
    const e = scanServersLine(line, version);
    if (!e) continue;
    if (e.id >= 256) return { error: `Host ${e.name} is assigned a bogus server number (${e.id.toString(16)}) in ${file}. Exit.` };
    if (e.id === 0 || e.id === 127 || e.id === 255) return { error: `Warning: host ${e.name} is using a reserved server number (${e.id}) in ${file}. Exit` };
    const taken = table.get(e.id);
    if (taken) {
      return { error: version === '6.1' ? `Warning: host ${e.name} is using a an already assigned server-id (${e.id}) in ${file}. Exit` : `Fatal: unable to map server-id ${e.id} to host ${e.name}, server-id already assigned to host ${taken.name}` };
    }
    let ip = resolveName(root, e.name);
    if (!ip) return { error: `Host ${e.name} (listed in ${file}) cannot be resolved (to an IPv4 address). Exiting.` };
    if (isCodaLoopback(ip)) {
      if (!ipaddress) return { error: `ERROR: gethostbyname(${e.name}) returned a loopback address (${ip}). This address is not routeable. Set ipaddress= in server.conf or fix the hosts file.` };
      ip = ipaddress;
    }
    table.set(e.id, { name: e.name, ip });
  }
  const selfIp = ipaddress ?? resolveName(root, selfName);
  let selfId = -1;
  for (const [id, entry] of table) if (entry.ip === selfIp) selfId = id;
  if (selfId < 0) return { error: `Hostname of this server (${selfName}) is not listed in ${file}. Exiting.` };
  return { table, selfId };
}
