// `codaplay lab down`: end every process the lab started (found by their pid files), wait until they are gone,
// and remove the sockets they leave. Idempotent; never touches a process the lab did not record.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultLabDir, LAB_CONFIG_FILE, type LabConfig } from '../core/lab-config.js';
import { stopPid } from '../sshd.js';
import { labProcesses } from './processes.js';

export async function labDown(opts: { dir?: string } = {}): Promise<{ stopped: string[] }> {
  const dir = resolve(opts.dir ?? defaultLabDir());
  if (!existsSync(join(dir, LAB_CONFIG_FILE))) return { stopped: [] };
  const lab = JSON.parse(readFileSync(join(dir, LAB_CONFIG_FILE), 'utf8')) as LabConfig;
  const running = labProcesses(lab).filter((p) => p.alive && p.pid);
  // Clients and servers first, sshd last, so no session starts a daemon while we stop it.
  const order = [...running.filter((p) => p.name !== 'sshd'), ...running.filter((p) => p.name === 'sshd')];
  await Promise.all(order.filter((p) => p.name !== 'sshd').map((p) => stopPid(p.pid!, 5000)));
  await Promise.all(order.filter((p) => p.name === 'sshd').map((p) => stopPid(p.pid!, 3000)));
  for (const h of lab.hosts) rmSync(join(h.root, 'venus.cache', 'venus.sock'), { force: true });
  return { stopped: order.map((p) => `${p.host}/${p.name}(${p.pid})`) };
}
