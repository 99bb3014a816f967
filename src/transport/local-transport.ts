// `connection: local`: the same Transport on the control node, through execa and node:fs.
import { randomBytes } from 'node:crypto';
import { copyFile, open, readFile, rename, stat as fsStat, chmod, chown } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { execa } from 'execa';
import type { ExecOptions, ExecResult, FileStat, InteractiveProcess, Transport, WriteOptions } from './transport.js';
import { TransportError } from './transport.js';

export class LocalTransport implements Transport {
  constructor(readonly host: string) {}

  async connect(): Promise<void> {}

  async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    const r = await execa('/bin/sh', ['-c', command], { input: options.stdin ?? '', reject: false, stripFinalNewline: false, timeout: options.timeoutMs, killSignal: 'SIGKILL', detached: options.timeoutMs !== undefined, cleanup: true });
    if (r.timedOut) throw new TransportError('timeout', this.host, `command still running after ${(options.timeoutMs ?? 0) / 1000} s: killed`);
    return { code: r.exitCode ?? null, signal: r.signal ?? null, stdout: String(r.stdout), stderr: String(r.stderr) };
  }

  async spawn(command: string, options: { timeoutMs?: number } = {}): Promise<InteractiveProcess> {
    const child = execa('/bin/sh', ['-c', command], { reject: false, stripFinalNewline: false, timeout: options.timeoutMs, buffer: true });
    const listeners: ((c: string) => void)[] = [];
    child.stdout?.setEncoding('utf8').on('data', (d: string) => listeners.forEach((l) => l(d)));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => listeners.forEach((l) => l(d)));
    const result = child.then((r) => ({ code: r.exitCode ?? null, signal: r.signal ?? null, stdout: String(r.stdout), stderr: String(r.stderr) }));
    return { onOutput: (l) => listeners.push(l), write: (t) => child.stdin?.write(t), closeStdin: () => child.stdin?.end(), kill: async () => { child.kill('SIGKILL'); }, result };
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
