// `codaplay lab status`: every host with its address and every daemon with its pid, alive or not; with
// `replicas`, a file listing of each replica (LabListReplica) to compare the old and new replicas.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultLabDir, LAB_CONFIG_FILE, type LabConfig } from '../core/lab-config.js';
import { rpcCall } from '../core/rpc.js';
import { LAB_WIDE, labProcesses } from './processes.js';

export async function labStatus(opts: { dir?: string; replicas?: boolean } = {}): Promise<string> {
  const dir = resolve(opts.dir ?? defaultLabDir());
  if (!existsSync(join(dir, LAB_CONFIG_FILE))) return `no lab in ${dir}\n`;
  const lab = JSON.parse(readFileSync(join(dir, LAB_CONFIG_FILE), 'utf8')) as LabConfig;
  const procs = labProcesses(lab);
  const lines = [`lab ${dir}: Coda ${lab.version}, realm ${lab.realm}, time factor ${lab.timeFactor}`];
  for (const p of procs.filter((x) => x.host === LAB_WIDE)) lines.push(`tools    ${p.name} ${p.pid ?? '?'} ${p.alive ? 'up' : 'down'}  (serves the simulated tools of every host)`);
  for (const h of lab.hosts) {
    const mine = procs.filter((p) => p.host === h.short).map((p) => `${p.name} ${p.pid ?? '?'} ${p.alive ? 'up' : 'down'}`);
    lines.push(`${h.short.padEnd(8)} ${h.name.padEnd(20)} ${h.ip.padEnd(15)} ssh :${lab.sshPort}  ${h.role}${h.bare ? ' (bare)' : ''}  ${mine.join(', ') || 'no daemons'}`);
  }
  if (opts.replicas) {
    for (const h of lab.hosts.filter((x) => x.role !== 'client')) {
      let token = '';
      try { token = readFileSync(join(h.root, 'vice', 'db', 'volutil.tk'), 'utf8').trim(); } catch { continue; }
      const list = await rpcCall(h.ip, lab.codasrvPort, { op: 'GetVolumeList', token }, { timeoutMs: 5000 });
      if (list.rc !== 0) continue;
      for (const m of String(list.text).matchAll(/^W(\S+) I([0-9a-f]+)/gm)) {
        const r = await rpcCall(h.ip, lab.codasrvPort, { op: 'LabListReplica', volumeId: parseInt(m[2]!, 16) }, { timeoutMs: 5000 });
        const objs = (r.objects as { path: string; type: string; size: number }[] | undefined) ?? [];
        lines.push(`  ${h.short}:${m[1]} (${m[2]}): ${objs.length} objects, ${objs.filter((o) => o.type === 'file').length} files`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
