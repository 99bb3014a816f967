// The lab's daemons (updatesrv, updateclnt, auth2) detach from the ssh session like real ones: the command
// forks a detached copy of itself (marked by --foreground), writes nothing to the session, and returns 0.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function alreadyRunning(pidFile: string): number | null {
  try {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

/** In the parent: start the detached child and return true. In the child (--foreground): return false. */
export function detach(tool: string, argv: string[], logFile: string): boolean {
  if (argv.includes('--foreground')) return false;
  const entry = fileURLToPath(new URL('../tools/main.js', import.meta.url));
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, [entry, tool, ...argv, '--foreground'], { detached: true, stdio: ['ignore', fd, fd], env: process.env });
  closeSync(fd);
  child.unref();
  return true;
}

export function writePid(pidFile: string): void {
  writeFileSync(pidFile, `${process.pid}\n`);
}
