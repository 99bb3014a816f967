// Start and stop a real OpenSSH sshd on a loopback address, as root or as an ordinary user: the lab's hosts
// and the integration tests talk to these, never to a mocked SSH. Only processes started here are stopped,
// by their pid.
import { spawn, execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync, openSync, closeSync } from 'node:fs';
import { createConnection } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export function findSshdBinary(): string {
  for (const p of ['/usr/sbin/sshd', '/usr/local/sbin/sshd', '/sbin/sshd']) if (existsSync(p)) return p;
  throw new Error('OpenSSH sshd is not installed (Debian: apt-get install -y openssh-server)');
}

export async function generateKeyPair(path: string, comment = 'codaplay'): Promise<{ privateKeyPath: string; publicKey: string }> {
  if (!existsSync(path)) await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path]);
  return { privateKeyPath: path, publicKey: readFileSync(`${path}.pub`, 'utf8').trim() };
}

export interface SshdOptions {
  dir: string;
  address: string;
  port: number;
  user?: string;
  authorizedKeysFile: string;
  setEnv?: Record<string, string>;
  hostKeyPath?: string;
  /** sshd LogLevel (default INFO); DEBUG1 logs each forwarded (direct-tcpip) connection, e.g. a ProxyJump. */
  logLevel?: 'INFO' | 'VERBOSE' | 'DEBUG1';
}

export interface RunningSshd {
  pid: number;
  address: string;
  port: number;
  hostPublicKey: string;
  knownHostsLine: string;
  stop(): Promise<void>;
}

function configText(o: SshdOptions, hostKey: string, user: string): string {
  // sshd_config splits on blanks but honours double quotes; a value with a double quote cannot be expressed.
  const env = Object.entries(o.setEnv ?? {}).map(([k, v]) => {
    if (/["\n]/.test(k + v)) throw new Error(`SetEnv ${k}: values may not contain double quotes or newlines`);
    return `"${k}=${v}"`;
  }).join(' ');
  return [
    `ListenAddress ${o.address}:${o.port}`,
    `HostKey ${hostKey}`,
    `PidFile ${join(o.dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${o.authorizedKeysFile}`,
    'UsePAM no',
    'StrictModes no',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PubkeyAuthentication yes',
    `AllowUsers ${user}`,
    user === 'root' ? 'PermitRootLogin prohibit-password' : '',
    'MaxSessions 10',
    'Subsystem sftp internal-sftp',
    'MaxStartups 30:30:100',
    `LogLevel ${o.logLevel ?? 'INFO'}`,
    'PrintMotd no',
    env ? `SetEnv ${env}` : '',
  ].filter(Boolean).join('\n') + '\n';
}

function portOpen(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ host: address, port });
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Direct children of pid (Linux /proc): an sshd's per-connection processes. */
function childrenOf(pid: number): number[] {
  const kids: number[] = [];
  for (const entry of existsSync('/proc') ? readdirSync('/proc') : []) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) kids.push(Number(entry));
    } catch { /* gone meanwhile */ }
  }
  return kids;
}

/** Stop an sshd we started and its connections (like a host going down): SIGTERM, SIGKILL after graceMs. */
export async function stopSshdPid(pid: number, graceMs = 3000): Promise<void> {
  const sessions = alive(pid) ? childrenOf(pid) : [];
  await stopPid(pid, graceMs);
  await Promise.all(sessions.map((s) => stopPid(s, graceMs)));
}

export async function stopPid(pid: number, graceMs = 3000): Promise<void> {
  if (!alive(pid)) return;
  try { process.kill(pid, 'SIGTERM'); } catch { return; }
  const deadline = Date.now() + graceMs;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (alive(pid)) {
    try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
  }
}

export async function startSshd(o: SshdOptions): Promise<RunningSshd> {
  mkdirSync(o.dir, { recursive: true });
  if (process.getuid?.() === 0 && !existsSync('/run/sshd')) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const { privateKeyPath: hostKey, publicKey } = await generateKeyPair(o.hostKeyPath ?? join(o.dir, 'ssh_host_ed25519_key'), `host-${o.address}`);
  const user = o.user ?? userInfo().username;
  const config = join(o.dir, 'sshd_config');
  writeFileSync(config, configText(o, hostKey, user));
  const logFd = openSync(join(o.dir, 'sshd.log'), 'a');
  const child = spawn(findSshdBinary(), ['-D', '-e', '-f', config], { detached: true, stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  child.unref();
  const pid = child.pid;
  if (!pid) throw new Error('sshd did not start');
  const deadline = Date.now() + 10_000;
  while (!(await portOpen(o.address, o.port))) {
    if (!alive(pid) || Date.now() > deadline) {
      await stopPid(pid);
      const log = readFileSync(join(o.dir, 'sshd.log'), 'utf8').split('\n').slice(-5).join('\n');
      throw new Error(`sshd on ${o.address}:${o.port} did not come up:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 30));
  }
  const [type, key] = publicKey.split(' ');
  return {
    pid, address: o.address, port: o.port, hostPublicKey: `${type} ${key}`,
    knownHostsLine: `[${o.address}]:${o.port} ${type} ${key}`,
    stop: () => stopSshdPid(pid),
  };
}
