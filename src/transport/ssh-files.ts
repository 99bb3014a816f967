// File operations over one SFTP session: byte-exact reads, stat, and atomic writes (temp file in the same
// directory, fsync, rename over) that keep an existing file's mode and owner, with an optional timestamped backup.
import { randomBytes } from 'node:crypto';
import { basename, dirname } from 'node:path';
import type { SFTPWrapper } from 'ssh2';
import type { FileStat, WriteOptions } from './transport.js';
import { TransportError } from './transport.js';

const NO_SUCH_FILE = 2; // SFTP status code
type Callback<T> = (err: Error | null | undefined, value?: T) => void;

function stamp(d = new Date()): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, '');
}

/** Promisify one SFTP call, turning its error into a TransportError that says what was being done. */
function call<T>(host: string, what: string, fn: (cb: Callback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((err, v) => (err ? reject(new TransportError('sftp', host, `${what}: ${err.message}`)) : resolve(v as T))));
}

export function readSftpFile(sftp: SFTPWrapper, host: string, path: string): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    sftp.readFile(path, (err: (Error & { code?: number }) | null | undefined, data: Buffer) => {
      if (!err) resolve(data);
      else if (err.code === NO_SUCH_FILE) resolve(null);
      else reject(new TransportError('sftp', host, `cannot read ${path}: ${err.message}`));
    });
  });
}

export function statSftp(sftp: SFTPWrapper, host: string, path: string): Promise<FileStat> {
  return new Promise((resolve, reject) => {
    sftp.stat(path, (err, s) => {
      if (err) {
        if ((err as Error & { code?: number }).code === NO_SUCH_FILE) resolve({ exists: false });
        else reject(new TransportError('sftp', host, `cannot stat ${path}: ${err.message}`));
        return;
      }
      resolve({ exists: true, isDirectory: s.isDirectory(), size: s.size, mode: s.mode & 0o7777, mtimeMs: s.mtime * 1000 });
    });
  });
}

async function writeRaw(sftp: SFTPWrapper, host: string, path: string, data: Buffer, mode: number): Promise<void> {
  const handle = await call<Buffer>(host, `create ${path}`, (cb) => sftp.open(path, 'w', { mode }, cb));
  try {
    for (let offset = 0; offset < data.length;) {
      const n = Math.min(32768, data.length - offset);
      await call<void>(host, `write ${path}`, (cb) => sftp.write(handle, data, offset, n, offset, cb));
      offset += n;
    }
    await call<void>(host, `fsync ${path}`, (cb) => sftp.ext_openssh_fsync(handle, cb));
  } finally {
    await call<void>(host, `close ${path}`, (cb) => sftp.close(handle, cb)).catch(() => undefined);
  }
  // The server's umask applied at create: set the mode we meant.
  await call<void>(host, `chmod ${path}`, (cb) => sftp.chmod(path, mode, cb));
}

export async function writeSftpFileAtomic(sftp: SFTPWrapper, host: string, path: string, data: string | Buffer, options: WriteOptions = {}): Promise<{ backupPath?: string }> {
  const old = await new Promise<{ mode: number; uid: number; gid: number } | null>((resolve) =>
    sftp.stat(path, (err, s) => resolve(err ? null : { mode: s.mode & 0o7777, uid: s.uid, gid: s.gid })));
  let backupPath: string | undefined;
  if (options.backup && old) {
    backupPath = `${path}.${stamp()}.bak`;
    const previous = await readSftpFile(sftp, host, path);
    if (previous) await writeRaw(sftp, host, backupPath, previous, old.mode);
  }
  const tmp = `${dirname(path)}/.${basename(path)}.codaplay-${randomBytes(4).toString('hex')}`;
  try {
    await writeRaw(sftp, host, tmp, typeof data === 'string' ? Buffer.from(data) : data, old?.mode ?? options.mode ?? 0o644);
    // Only root can give a file away; an ordinary user writing their own file keeps its owner anyway.
    if (old) await call<void>(host, `keep owner of ${path}`, (cb) => sftp.chown(tmp, old.uid, old.gid, cb)).catch(() => undefined);
    await call<void>(host, `rename ${tmp} to ${path}`, (cb) => sftp.ext_openssh_rename(tmp, path, cb));
  } catch (err) {
    await call<void>(host, `remove ${tmp}`, (cb) => sftp.unlink(tmp, cb)).catch(() => undefined);
    throw err;
  }
  return { backupPath };
}
