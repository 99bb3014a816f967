// Privilege escalation (`become: true`) as a Transport wrapper: every command runs through sudo, without a pty.
// With no password: `sudo -n` (fails at once instead of hanging on a prompt). With a password: `sudo -k -S -p ''`
// and the password as the first line of stdin — never in argv, where `ps` would show it. `-k` makes sudo ask
// every time, so a cached sudo timestamp can never leave the password line to be read by the command itself.
// SFTP runs as the login user, so file operations go through sudo'd shell commands (base64 keeps bytes exact).
import type { InventoryHost } from '../inventory/types.js';
import { quoteShellArg } from '../util/quote.js';
import type { ExecOptions, ExecResult, FileStat, Transport, WriteOptions } from './transport.js';
import { TransportError } from './transport.js';

export interface BecomeOptions {
  password?: string;
  /** Target user (sudo -u); root when absent. */
  user?: string;
}

/**
 * The sudo command line for `command`, and what must precede the command's own stdin. When the login user is
 * already the target (root), sudo is skipped (it may not even be installed) and the password line is consumed.
 */
export function wrapBecome(command: string, options: BecomeOptions = {}): { command: string; stdinPrefix: string } {
  const target = options.user ?? 'root';
  const asUser = target !== 'root' ? ` -u ${quoteShellArg(target)}` : '';
  const inner = `/bin/sh -c ${quoteShellArg(command)}`;
  const already = target === 'root' ? '[ "$(id -u)" -eq 0 ]' : `[ "$(id -un)" = ${quoteShellArg(target)} ]`;
  if (options.password === undefined) return { command: `if ${already}; then exec ${inner}; else exec sudo -n${asUser} -- ${inner}; fi`, stdinPrefix: '' };
  if (/[\r\n]/.test(options.password)) throw new Error('a become password cannot contain a newline');
  return {
    command: `if ${already}; then IFS= read -r _; exec ${inner}; else exec sudo -k -S -p ''${asUser} -- ${inner}; fi`,
    stdinPrefix: `${options.password}\n`,
  };
}

const MISSING = 47; // exit status meaning "no such file" in the file helpers below
const stamp = (d = new Date()): string => d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, '');

// $1 path, $2 mode for a new file (octal), $3 backup path or ''; data arrives base64-encoded on stdin.
const WRITE_SCRIPT = [
  'set -e', 'p=$1', 't=$(mktemp "$(dirname "$p")/.codaplay.XXXXXX")', `trap 'rm -f "$t"' EXIT`,
  'base64 -d > "$t"',
  'if [ -e "$p" ]; then chmod --reference="$p" "$t"; chown --reference="$p" "$t"; if [ -n "$3" ]; then cp -p "$p" "$3"; fi',
  'else chmod "$2" "$t"; fi',
  'sync "$t"', 'mv -f "$t" "$p"', 'trap - EXIT',
].join('\n');

export class BecomeTransport implements Transport {
  readonly host: string;

  constructor(private readonly inner: Transport, private readonly options: BecomeOptions = {}) {
    this.host = inner.host;
  }

  connect(): Promise<void> {
    return this.inner.connect();
  }

  async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    const { command: wrapped, stdinPrefix } = wrapBecome(command, this.options);
    const secrets = [...(options.secrets ?? []), ...(this.options.password ? [this.options.password] : [])];
    const stdin = stdinPrefix || options.stdin !== undefined ? stdinPrefix + (options.stdin ?? '') : undefined;
    return this.inner.exec(wrapped, { ...options, stdin, secrets });
  }

  private async run(script: string, args: string[], stdin?: string): Promise<ExecResult> {
    return this.exec(`/bin/sh -c ${quoteShellArg(script)} sh ${args.map(quoteShellArg).join(' ')}`, { stdin });
  }

  private fail(what: string, r: ExecResult): never {
    throw new TransportError('sftp', this.host, `${what} (with sudo) failed: exit ${r.code ?? r.signal}: ${r.stderr.trim()}`);
  }

  async readFile(path: string): Promise<Buffer | null> {
    const r = await this.run(`[ -e "$1" ] || exit ${MISSING}; base64 < "$1"`, [path]);
    if (r.code === MISSING) return null;
    if (r.code !== 0) this.fail(`read ${path}`, r);
    return Buffer.from(r.stdout, 'base64');
  }

  async stat(path: string): Promise<FileStat> {
    const r = await this.run(`[ -e "$1" ] || exit ${MISSING}; stat -L -c '%F|%s|%a|%Y' "$1"`, [path]);
    if (r.code === MISSING) return { exists: false };
    if (r.code !== 0) this.fail(`stat ${path}`, r);
    const [type, size, mode, mtime] = r.stdout.trim().split('|');
    return { exists: true, isDirectory: type === 'directory', size: Number(size), mode: parseInt(mode ?? '0', 8), mtimeMs: Number(mtime) * 1000 };
  }

  async writeFileAtomic(path: string, data: string | Buffer, options: WriteOptions = {}): Promise<{ backupPath?: string }> {
    const backupPath = options.backup ? `${path}.${stamp()}.bak` : '';
    const existed = options.backup ? (await this.stat(path)).exists : false;
    const buf = typeof data === 'string' ? Buffer.from(data) : data;
    const r = await this.run(WRITE_SCRIPT, [path, (options.mode ?? 0o644).toString(8), backupPath], buf.toString('base64'));
    if (r.code !== 0) this.fail(`write ${path}`, r);
    return existed ? { backupPath } : {};
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/** The engine's `become` hook: sudo with the host's become password when it has one. */
export function becomeTransport(transport: Transport, host: InventoryHost, user?: string): Transport {
  return new BecomeTransport(transport, { password: host.becomePassword, user });
}
