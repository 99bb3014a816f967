// `connection: local`: the same Transport on the control node, through execa and node:fs.
import { randomBytes } from 'node:crypto';
import { copyFile, open, readFile, rename, stat as fsStat, chmod, chown } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { ExecOptions, ExecResult, FileStat, InteractiveProcess, Transport, WriteOptions } from './transport.js';
import { TransportError } from './transport.js';

/** SIGTERM the process group, SIGKILL what is left 300 ms later. */
async function killGroup(pid: number | undefined): Promise<void> {
  if (!pid) return;
  const send = (sig: NodeJS.Signals): void => { try { process.kill(-pid, sig); } catch { /* already gone */ } };
  send('SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
  send('SIGKILL');
}

// execa (~100 modules) loads only when a host is local: every `codaplay run` would otherwise pay for it at start.
const loadExeca = async (): Promise<typeof import('execa').execa> => (await import('execa')).execa;

export class LocalTransport implements Transport {
  constructor(readonly host: string) {}

  async connect(): Promise<void> {}

  async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    // Its own process group (detached), so a timeout kills the command's children too, not just the shell.
    const execa = await loadExeca();
    const child = execa('/bin/sh', ['-c', command], { input: options.stdin ?? '', reject: false, stripFinalNewline: false, detached: true, cleanup: true });
    let timedOut = false;
    const timer = options.timeoutMs ? setTimeout(() => { timedOut = true; void killGroup(child.pid); }, options.timeoutMs) : undefined;
    const r = await child.finally(() => clearTimeout(timer));
    if (timedOut) throw new TransportError('timeout', this.host, `command still running after ${(options.timeoutMs ?? 0) / 1000} s: killed (process group ${child.pid})`);
    return { code: r.exitCode ?? null, signal: r.signal ?? null, stdout: String(r.stdout), stderr: String(r.stderr) };
  }

  async spawn(command: string, options: { timeoutMs?: number } = {}): Promise<InteractiveProcess> {
    const execa = await loadExeca();
    const child = execa('/bin/sh', ['-c', command], { reject: false, stripFinalNewline: false, detached: true, cleanup: true, buffer: true });
    const timer = options.timeoutMs ? setTimeout(() => void killGroup(child.pid), options.timeoutMs) : undefined;
    const listeners: ((c: string) => void)[] = [];
    child.stdout?.setEncoding('utf8').on('data', (d: string) => listeners.forEach((l) => l(d)));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => listeners.forEach((l) => l(d)));
    const result = child.finally(() => clearTimeout(timer)).then((r) => ({ code: r.exitCode ?? null, signal: r.signal ?? null, stdout: String(r.stdout), stderr: String(r.stderr) }));
    return { onOutput: (l) => listeners.push(l), write: (t) => child.stdin?.write(t), closeStdin: () => child.stdin?.end(), kill: () => killGroup(child.pid), result };
  }

  async readFile(path: string): Promise<Buffer | null> {
    try {
      return await readFile(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new TransportError('sftp', this.host, `cannot read ${path}: ${(err as Error).message}`);
    }
  }

  async stat(path: string): Promise<FileStat> {
    try {
      const s = await fsStat(path);
      return { exists: true, isDirectory: s.isDirectory(), size: s.size, mode: s.mode & 0o7777, mtimeMs: s.mtimeMs };
    } catch {
      return { exists: false };
    }
  }

  async writeFileAtomic(path: string, data: string | Buffer, options: WriteOptions = {}): Promise<{ backupPath?: string }> {
    const old = await fsStat(path).catch(() => null);
    let backupPath: string | undefined;
    if (options.backup && old) {
      backupPath = `${path}.${new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, '')}.bak`;
      await copyFile(path, backupPath);
    }
    const tmp = `${dirname(path)}/.${basename(path)}.codaplay-${randomBytes(4).toString('hex')}`;
    const handle = await open(tmp, 'w', old ? old.mode & 0o7777 : options.mode ?? 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (old) {
      await chmod(tmp, old.mode & 0o7777);
      await chown(tmp, old.uid, old.gid).catch(() => undefined);
    }
    await rename(tmp, path);
    return { backupPath };
  }

  async close(): Promise<void> {}
}
