// Where a lab's tool service lives: everything under <labdir>/svc/, so `lab down` and `lab status` find it by
// its pid file like every other lab process, and the socket is a file of the lab (never a network address).
import { join } from 'node:path';

export interface ServicePaths {
  dir: string;
  socket: string;
  pidFile: string;
  log: string;
}

export function servicePaths(labDir: string): ServicePaths {
  const dir = join(labDir, 'svc');
  return { dir, socket: join(dir, 'tools.sock'), pidFile: join(dir, 'toolsvc.pid'), log: join(dir, 'toolsvc.log') };
}

/** What `ps` shows for a worker: followed by the tool it is running, or `idle`. */
export const WORKER_TITLE = 'codaplay-lab-worker';
