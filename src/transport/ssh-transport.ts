// One persistent SSH connection per host for the whole run (an ssh2 Client): commands are exec channels on
// it (at most 8 at once: OpenSSH's MaxSessions is 10), files go over one reused SFTP session. The TCP socket is
// ours so Nagle can be switched off (ssh-socket.ts). Host keys are checked against
// known_hosts and fail closed, the jump hosts' too (ProxyJump: ssh-jump.ts).
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Client, ClientChannel, SFTPWrapper } from 'ssh2';
import { connectClient } from './ssh-connect.js';
import { EARLY_EXIT, inProcessGroup, PID_MARKER, signalName } from './ssh-channel.js';
import { interactiveProcess } from './ssh-spawn.js';
import type { ExecOptions, ExecResult, FileStat, InteractiveProcess, Transport, WriteOptions } from './transport.js';
import { TransportError } from './transport.js';
import { authError, createAuthHandler, type AskPassphrase, type AuthNotes } from './ssh-auth.js';
import type { SshEndpoint } from './ssh-config.js';
import { HostKeyCheck } from './ssh-host-key.js';
import { closeJumpChain, openJumpChain } from './ssh-jump.js';
import { openTcpSocket } from './ssh-socket.js';
import { Semaphore } from './semaphore.js';
import { readSftpFile, statSftp, writeSftpFileAtomic } from './ssh-files.js';

export interface SshTarget {
  name: string;
  address: string;
  port: number;
  user: string;
  identityFile?: string;
  /** Several identity files, tried in order after the agent (ssh config IdentityFile lines); wins over identityFile. */
  identityFiles?: string[];
  knownHostsFile: string;
  hostKeyAlias?: string;
  acceptNewHostKeys: boolean;
  connectTimeoutMs?: number;
  /** ProxyJump hops, first one first. */
  jumps?: SshEndpoint[];
  /** Settings that must not be used (e.g. StrictHostKeyChecking no): connect() fails with this message. */
  refusal?: string;
  /** How to get an encrypted key's passphrase (default: ask on the terminal, if there is one). */
  askPassphrase?: AskPassphrase;
}

const MAX_CHANNELS = 8;
/** How long close() lets commands still running finish before it drops the connection. */
const CLOSE_GRACE_MS = 5000;

export class SshTransport implements Transport {
  readonly host: string;
  hostKeyFingerprint?: string;
  remoteUser?: string;
  private connection: Client | null = null;
  private connecting: Promise<void> | null = null;
  private sftp: Promise<SFTPWrapper> | null = null;
  private channels = new Semaphore(MAX_CHANNELS);
  private hops: Client[] = [];
  private lastError = '';
  private inFlight = new Set<Promise<ExecResult>>();

  constructor(private readonly target: SshTarget) {
    this.host = target.name;
  }

  /** Where this transport connects, for ping: `address:port`, and the jump hosts if any. */
  get endpoint(): string {
    const t = this.target;
    return `${t.address}:${t.port}${t.jumps?.length ? ` via ${t.jumps.map((j) => j.label).join(',')}` : ''}`;
  }

  connect(): Promise<void> {
    this.connecting ??= this.open().catch((err: unknown) => {
      this.connecting = null;
      throw err;
    });
    return this.connecting;
  }

  /** A socket to the target: TCP, or a channel through the jump hosts. */
  private async openPath(): Promise<Duplex> {
    const t = this.target;
    const jumps = t.jumps ?? [];
    closeJumpChain(this.hops); // a reconnect after a drop: the old hops go with the old connection
    if (jumps.length === 0) return openTcpSocket(this.host, t.address, t.port, t.connectTimeoutMs);
    const chain = await openJumpChain(this.host, jumps, await openTcpSocket(this.host, jumps[0]!.address, jumps[0]!.port, t.connectTimeoutMs), t, t.askPassphrase, t.connectTimeoutMs ?? 20000);
    this.hops = chain.hops;
    return chain.sock;
  }

  private async open(): Promise<void> {
    const t = this.target;
    if (t.refusal) throw new TransportError(/HostKeyChecking/.test(t.refusal) ? 'hostkey' : 'connect', this.host, t.refusal);
    const check = new HostKeyCheck({ host: this.host, address: t.address, port: t.port, knownHostsFile: t.knownHostsFile, hostKeyAlias: t.hostKeyAlias, acceptNewHostKeys: t.acceptNewHostKeys });
    const notes: AuthNotes = { lockedKeys: [], wrongPassphrase: [] };
    const identityFiles = t.identityFiles ?? (t.identityFile ? [t.identityFile] : []);
    const sock = await this.openPath();
    try {
      this.connection = await connectClient({
        host: t.address, port: t.port, username: t.user, sock: sock as Socket,
        authHandler: createAuthHandler({ user: t.user, identityFiles, askPassphrase: t.askPassphrase }, notes),
        hostVerifier: (key: Buffer) => { const ok = check.verify(key); this.hostKeyFingerprint = check.fingerprint; return ok; },
        algorithms: { serverHostKey: check.algorithms() },
        keepaliveInterval: 15000, readyTimeout: t.connectTimeoutMs ?? 20000,
      });
    } catch (err) {
      sock.destroy();
      closeJumpChain(this.hops);
      this.hops = [];
      if (check.refused()) throw check.error();
      const message = err instanceof Error ? err.message : String(err);
      const where = `${t.user}@${t.address}:${t.port}`;
      if (/authentication/i.test(message)) throw authError(this.host, where, message, notes);
      throw new TransportError('connect', this.host, `connection failed for ${where}: ${message}`);
    }
    check.recordIfNew();
    this.remoteUser = t.user;
    // From now on an error is the connection failing under a command (the command reports it), not a crash.
    this.connection.on('error', (err: Error) => { this.lastError = err.message; });
    this.connection.on('close', () => { this.connecting = null; this.sftp = null; });
  }

  private client() {
    const c = this.connection;
    if (!c) throw new TransportError('exec', this.host, 'not connected');
    return c;
  }

  /**
   * Open an exec channel. sshd frees a session slot a moment after the channel closes, so under quick churn a
   * new open can be refused ("open failed") although we keep under MaxSessions: wait a little and try again.
   */
  private async openChannel(command: string): Promise<ClientChannel> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.openChannelOnce(command);
      } catch (err) {
        if (attempt >= 6 || !(err instanceof TransportError) || !/open failed/i.test(err.message)) throw err;
        await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
      }
    }
  }

  private openChannelOnce(command: string): Promise<ClientChannel> {
    return new Promise((resolve, reject) => {
      try {
        this.client().exec(command, (err, stream) => {
          if (err) {
            reject(new TransportError('exec', this.host, `cannot run a command: ${err.message}`));
            return;
          }
          // A quick command's open confirmation, output, exit status and close can arrive in one TCP read and
          // be handled before our promise continuation runs: catch the exit status now, not a tick later.
          stream.on('exit', (code: number | null, signal?: string) => { EARLY_EXIT.set(stream, { code, signal }); });
          resolve(stream);
        });
      } catch (err) {
        reject(err instanceof TransportError ? err : new TransportError('exec', this.host, String(err)));
      }
    });
  }

  async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    await this.connect();
    const timed = options.timeoutMs !== undefined && options.timeoutMs > 0;
    // With a timeout the command runs as its own process group so that a timeout can kill all of it.
    const wrapped = timed ? inProcessGroup(command) : command;
    const release = await this.channels.acquire();
    const running = (async () => {
      try {
        const stream = await this.openChannel(wrapped);
        return await this.collect(stream, options, timed);
      } finally {
        release();
      }
    })();
    this.inFlight.add(running);
    void running.catch(() => undefined).finally(() => this.inFlight.delete(running));
    return running;
  }

  private collect(stream: ClientChannel, options: ExecOptions, timed: boolean): Promise<ExecResult> {
    return new Promise((resolve, reject) => {
      let stdout = '';
      let stderr = '';
      let code: number | null = null;
      let signal: string | null = null;
      let timer: NodeJS.Timeout | undefined;
      stream.setEncoding('utf8');
      stream.stderr.setEncoding('utf8');
      stream.on('data', (d: string) => { stdout += d; });
      stream.stderr.on('data', (d: string) => { stderr += d; });
      let timedOut = false;
      const early = EARLY_EXIT.get(stream);
      if (early) { code = early.code; signal = signalName(early.signal); }
      stream.on('exit', (c: number | null, s?: string) => { code = c; signal = signalName(s); });
      stream.on('close', () => {
        if (timer) clearTimeout(timer);
        if (timedOut) return; // the timeout handler settles once the process group is dead
        if (timed) stderr = stderr.replace(new RegExp(`^${PID_MARKER}\\d+\\n`), '');
        if (code === null && signal === null) {
          reject(new TransportError('exec', this.host, `the command ended without an exit status: connection lost?${this.lastError ? ` (${this.lastError})` : ''}`));
        } else resolve({ code, signal, stdout, stderr });
      });
      if (timed) {
        timer = setTimeout(() => {
          timedOut = true;
          // A slow login shell may not have reported the group yet: wait for it (bounded) rather than leave it running.
          const pgidOf = (): string | undefined => new RegExp(`^${PID_MARKER}(\\d+)`).exec(stderr)?.[1];
          let pgid: string | undefined;
          const kill = (async () => {
            for (const until = Date.now() + 5000; !(pgid = pgidOf()) && Date.now() < until;) await new Promise((r) => setTimeout(r, 20));
            if (pgid) await this.killGroup(pgid);
          })();
          void kill.finally(() => {
            stream.destroy();
            reject(new TransportError('timeout', this.host, `command still running after ${(options.timeoutMs ?? 0) / 1000} s: killed${pgid ? ` (process group ${pgid})` : ''}`));
          });
        }, options.timeoutMs);
      }
      if (options.stdin !== undefined) stream.end(options.stdin);
      else stream.end();
    });
  }

  private async killGroup(pgid: string): Promise<void> {
    try {
      const stream = await this.openChannel(`kill -TERM -- -${pgid} 2>/dev/null; sleep 0.3; kill -KILL -- -${pgid} 2>/dev/null; true`);
      await new Promise<void>((r) => { stream.on('close', () => r()); stream.resume(); stream.stderr.resume(); });
    } catch {
      // The connection is gone: the command's session went with it.
    }
  }

  async spawn(command: string, options: { timeoutMs?: number } = {}): Promise<InteractiveProcess> {
    await this.connect();
    const release = await this.channels.acquire();
    const stream = await this.openChannel(inProcessGroup(command)).catch((e: unknown) => { release(); throw e; });
    return interactiveProcess(stream, release, (pgid) => this.killGroup(pgid), options.timeoutMs);
  }

  private getSftp(): Promise<SFTPWrapper> {
    this.sftp ??= this.connect().then(() => new Promise<SFTPWrapper>((resolve, reject) => {
      this.client().sftp((err, sftp) => (err ? reject(err) : resolve(sftp)));
    })).catch((err: unknown) => {
      this.sftp = null;
      throw err instanceof TransportError ? err : new TransportError('sftp', this.host, `SFTP unavailable: ${String(err)}`);
    });
    return this.sftp;
  }

  async readFile(path: string): Promise<Buffer | null> {
    return readSftpFile(await this.getSftp(), this.host, path);
  }

  async stat(path: string): Promise<FileStat> {
    return statSftp(await this.getSftp(), this.host, path);
  }

  async writeFileAtomic(path: string, data: string | Buffer, options: WriteOptions = {}): Promise<{ backupPath?: string }> {
    return writeSftpFileAtomic(await this.getSftp(), this.host, path, data, options);
  }

  async close(): Promise<void> {
    // Commands still running (a journal entry written in the background) finish first, for a bounded time.
    if (this.inFlight.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...this.inFlight]), new Promise((r) => { timer = setTimeout(r, CLOSE_GRACE_MS); })]);
      clearTimeout(timer);
    }
    this.connection?.end();
    this.connection = null;
    closeJumpChain(this.hops);
    this.hops = [];
    this.connecting = null;
    this.sftp = null;
  }
}
