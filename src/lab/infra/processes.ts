// Every process the lab starts is found again by its pid file, so `lab down` ends exactly those.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LabConfig } from '../core/lab-config.js';
import { servicePaths } from '../service/paths.js';

export interface LabProcess {
  host: string;
  name: string;
  pidFile: string;
  pid: number | null;
  alive: boolean;
}

function readPid(file: string): number | null {
  try {
    const n = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

export function isAlive(pid: number | null): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z');
  } catch {
    return false;
  }
}

/** Host name of processes that belong to the whole lab, not to one simulated host. */
export const LAB_WIDE = 'lab';

export function labProcesses(lab: LabConfig): LabProcess[] {
  const out: LabProcess[] = [];
  const svc = servicePaths(lab.dir).pidFile;
  if (existsSync(svc)) {
    const pid = readPid(svc);
    out.push({ host: LAB_WIDE, name: 'toolsvc', pidFile: svc, pid, alive: isAlive(pid) });
  }
  for (const h of lab.hosts) {
    const candidates: [string, string][] = [
      ['sshd', join(h.root, 'ssh', 'sshd.pid')],
      ['codasrv', join(h.root, 'vice', 'srv', 'pid')],
      ['auth2', join(h.root, 'vice', 'auth2', 'pid')],
      ['venus', join(h.root, 'venus.cache', 'pid')],
    ];
    const misc = join(h.root, 'vice', 'misc');
    if (existsSync(misc)) for (const f of readdirSync(misc).filter((x) => x.endsWith('.pid'))) candidates.push([f.replace(/\.pid$/, ''), join(misc, f)]);
    for (const [name, pidFile] of candidates) {
      if (!existsSync(pidFile)) continue;
      const pid = readPid(pidFile);
      out.push({ host: h.short, name, pidFile, pid, alive: isAlive(pid) });
    }
  }
  return out;
}
