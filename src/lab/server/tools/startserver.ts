// Simulated startserver (REFERENCE §7.7): rotate SrvLog/SrvErr, HUP a running server and fail on the pid lock,
// remove CRASH, start codasrv detached, and — like codasrv's parent waiting on its pipe — return 0 once
// `File Server started` is logged, 1 if the server died first.
import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadHostEnv } from '../../core/host-env.js';
import { lockedBy } from '../startup.js';
import { vicedirOf } from '../tool-common.js';

function rotate(dir: string, base: string): void {
  for (let i = 9; i >= 0; i--) {
    const from = join(dir, `${base}-${i}`);
    if (existsSync(from)) renameSync(from, join(dir, `${base}-${i + 1}`));
  }
  if (existsSync(join(dir, base))) renameSync(join(dir, base), join(dir, `${base}-0`));
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

export async function main(argv: string[]): Promise<number> {
  const env = loadHostEnv();
  const srv = join(vicedirOf(env), 'srv');
  const running = lockedBy(join(srv, 'pid'));
  rotate(srv, 'SrvLog');
  rotate(srv, 'SrvErr');
  if (running !== null) {
    process.kill(running, 'SIGHUP');
    process.stderr.write(`Can't lock pidfile "${join(srv, 'pid')}", am I already running?\n`);
    return 1;
  }
  rmSync(join(srv, 'CRASH'), { force: true });
  rmSync(join(srv, 'SHUTDOWN'), { force: true });
  const errFd = openSync(join(srv, 'SrvErr'), 'a');
  const entry = fileURLToPath(new URL('../../tools/main.js', import.meta.url));
  const child = spawn(process.execPath, [entry, 'codasrv', ...argv], { detached: true, stdio: ['ignore', 'ignore', errFd], env: process.env });
  closeSync(errFd);
  child.unref();
  let exited: number | null = null;
  child.on('exit', (code) => { exited = code ?? 1; });
  const log = join(srv, 'SrvLog');
  for (;;) {
    await new Promise((r) => setTimeout(r, 25));
    let text = '';
    try { text = readFileSync(log, 'utf8'); } catch { text = ''; }
    if (text.includes('File Server started')) return 0;
    if (exited !== null || (child.pid && !alive(child.pid))) return 1;
  }
}
