// Per-host name resolution through the host's own <root>/etc/hosts, so a lab can stage a host that resolves
// a name differently. Coda's loopback rule: only 127.0.0.1 and 127.0.1.1 count as loopback in the lab;
// the lab's other 127.x addresses count as routable (they stand for the hosts' LAN addresses).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface HostsEntry {
  ip: string;
  names: string[];
}

function readHostsFile(root: string): HostsEntry[] {
  let text: string;
  try {
    text = readFileSync(join(root, 'etc', 'hosts'), 'utf8');
  } catch {
    return [];
  }
  const entries: HostsEntry[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const [ip, ...names] = line.split(/\s+/);
    if (ip && /^\d+\.\d+\.\d+\.\d+$/.test(ip) && names.length) entries.push({ ip, names });
  }
  return entries;
}

/** gethostbyname: the first IPv4 address of `name` in this host's hosts file, or null. A dotted quad resolves to itself. */
export function resolveName(root: string, name: string): string | null {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return name;
  const hit = readHostsFile(root).find((e) => e.names.some((n) => n.toLowerCase() === name.toLowerCase()));
  return hit ? hit.ip : null;
}

/** The canonical name (first name on the line) for `name`, as gethostbyname's h_name. */
export function canonicalName(root: string, name: string): string | null {
  const hit = readHostsFile(root).find((e) => e.names.some((n) => n.toLowerCase() === name.toLowerCase()));
  return hit ? (hit.names[0] ?? name) : null;
}

/** gethostbyaddr: first name for `ip`, or null (callers then print the dotted IP, as Coda does). */
export function reverseLookup(root: string, ip: string): string | null {
  const hit = readHostsFile(root).find((e) => e.ip === ip);
  return hit ? (hit.names[0] ?? null) : null;
}

/** gethostname(): the host's <root>/etc/hostname. */
export function getHostname(root: string): string {
  return readFileSync(join(root, 'etc', 'hostname'), 'utf8').trim();
}

export function isCodaLoopback(ip: string): boolean {
  return ip === '127.0.0.1' || ip === '127.0.1.1';
}
