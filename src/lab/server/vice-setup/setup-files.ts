// Files vice-setup writes (REFERENCE §5, §6.1, §7.9): server.conf lines (codaconfedit), the vice tree, tokens
// (mode 600), RVM log and data files.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, ftruncateSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function makeViceTree(vicedir: string): void {
  for (const sub of ['db', 'srv', 'vol/remote', 'misc', 'auth2', 'backup', 'spool']) mkdirSync(join(vicedir, sub), { recursive: true });
}

/** Append `key=value` lines to server.conf (creating it), as vice-setup does with codaconfedit. */
export function setServerConf(confDir: string, settings: Record<string, string | number>): void {
  mkdirSync(confDir, { recursive: true });
  const file = join(confDir, 'server.conf');
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const lines = old.split('\n').filter((l) => l && !Object.keys(settings).some((k) => l.startsWith(`${k}=`)));
  for (const [k, v] of Object.entries(settings)) lines.push(`${k}=${v}`);
  writeFileSync(file, `${lines.join('\n')}\n`);
}

export function writeSecret(path: string, value: string): void {
  writeFileSync(path, `${value}\n`);
  chmodSync(path, 0o600);
}

/** "2M", "32M", "1G" -> bytes. */
export function sizeInBytes(size: string): number {
  const m = /^(\d+)([KMG]?)$/i.exec(size.trim());
  if (!m) return NaN;
  const unit = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[m[2]!.toUpperCase() as '' | 'K' | 'M' | 'G'];
  return Number(m[1]) * unit;
}

/** Wipe (re-create, zero-filled and sparse) an RVM log or data file of the given size. */
export function wipeRvmFile(path: string, bytes: number): void {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'w');
  ftruncateSync(fd, bytes);
  closeSync(fd);
}
