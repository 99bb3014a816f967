// The lab's tool service: one resident process per lab, listening on a unix socket inside the lab directory.
// It pairs the three connections of each call (protocol.ts) and hands them to a warm worker process that has
// every tool module loaded already (worker.ts), so a call costs the tool's own work, not a Node start-up.
// Workers serve one call at a time; a spare is kept ready and more are started when calls overlap (a tool
// that runs other tools, like createvol_rep running volutil, holds its worker while the inner call needs one).
import { fork, type ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { PREAMBLE_BYTES, type ConnectionKind } from './protocol.js';
import type { ServicePaths } from './paths.js';

/** Ready workers kept beyond the busy ones, and the fewest kept idle before others end (unless warm asks for more). */
const SPARE = 2;
const MIN_MAX_IDLE = 3;
/** A call whose three connections do not all arrive within this time is dropped. */
const PAIRING_MS = 10_000;

interface PendingCall {
  header?: Buffer;
  /** When the last of its three connections arrived: from then on it waits only for a free worker. */
  queuedAt?: number;
  conns: Partial<Record<ConnectionKind, Socket>>;
  timer: NodeJS.Timeout;
}

interface Worker {
  child: ChildProcess;
  state: 'starting' | 'idle' | 'busy' | 'retired';
}

export class ToolService {
  private readonly workers = new Set<Worker>();
  private readonly pending = new Map<string, PendingCall>();
  private readonly queue: { token: string; call: PendingCall }[] = [];
  private readonly workerEntry = fileURLToPath(new URL('./worker.js', import.meta.url));
  private readonly server = createServer({ pauseOnConnect: false }, (s) => this.accept(s));
  private stopping = false;

  private readonly maxIdle: number;

  /**
   * `warm`: workers started one after another as soon as the service runs and kept even when idle. A burst of
   * calls (codaplay's proofs: 8 lanes on each server at once) that finds no idle worker waits for new Node
   * processes to start, a cost real Coda's tools (small C programs) do not have; a warm pool as wide as the
   * burst keeps the lab's calls at their modelled cost.
   */
  constructor(private readonly paths: ServicePaths, private readonly warm = SPARE) {
    this.maxIdle = Math.max(MIN_MAX_IDLE, warm);
  }

  listen(): Promise<void> {
    rmSync(this.paths.socket, { force: true });
    this.topUp();
    this.warmUp();
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.paths.socket, () => {
        writeFileSync(this.paths.pidFile, `${process.pid}\n`);
        resolve();
      });
    });
  }

  stop(): void {
    this.stopping = true;
    this.server.close();
    rmSync(this.paths.socket, { force: true });
    for (const w of this.workers) w.child.kill('SIGTERM');
  }

  private accept(s: Socket): void {
    let buf = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length < PREAMBLE_BYTES) return;
      const kind = String.fromCharCode(buf[0]!) as ConnectionKind;
      const token = buf.subarray(1, PREAMBLE_BYTES).toString('latin1');
      let header: Buffer | undefined;
      if (kind === 'A') {
        if (buf.length < PREAMBLE_BYTES + 4) return;
        const len = buf.readUInt32BE(PREAMBLE_BYTES);
        if (buf.length < PREAMBLE_BYTES + 4 + len) return;
        header = buf.subarray(PREAMBLE_BYTES + 4, PREAMBLE_BYTES + 4 + len);
      } else if (kind !== 'O' && kind !== 'E') {
        s.destroy();
        return;
      }
      s.off('data', onData);
      s.pause();
      this.arrived(token, kind, s, header);
    };
    s.on('data', onData);
    s.on('error', () => undefined);
  }

  private arrived(token: string, kind: ConnectionKind, s: Socket, header: Buffer | undefined): void {
    let call = this.pending.get(token);
    if (!call) {
      const timer = setTimeout(() => {
        this.pending.delete(token);
        for (const c of Object.values(call!.conns)) c.destroy();
      }, PAIRING_MS);
      call = { conns: {}, timer };
      this.pending.set(token, call);
    }
    call.conns[kind] = s;
    if (header) call.header = header;
    if (!call.conns.A || !call.conns.O || !call.conns.E || !call.header) return;
    clearTimeout(call.timer);
    this.pending.delete(token);
    call.queuedAt = Date.now();
    this.queue.push({ token, call });
    this.dispatch();
  }

  private dispatch(): void {
    for (;;) {
      const w = [...this.workers].find((x) => x.state === 'idle');
      const next = w && this.queue.shift();
      if (!w || !next) break;
      w.state = 'busy';
      const { token, call } = next;
      // One handle per message (Node's IPC); the worker starts once it holds all three.
      w.child.send({ type: 'call', token, kind: 'O' }, call.conns.O!);
      w.child.send({ type: 'call', token, kind: 'E' }, call.conns.E!);
      // How long it waited for a worker, for the call log: lab overhead, not Coda's.
      const queuedMs = Date.now() - (call.queuedAt ?? Date.now());
      w.child.send({ type: 'call', token, kind: 'A', header: call.header!.toString('base64'), queuedMs }, call.conns.A!);
    }
    this.topUp();
  }

  /** Keep SPARE workers ready (or starting) beyond the queue. */
  private topUp(): void {
    if (this.stopping) return;
    const ready = [...this.workers].filter((w) => w.state === 'idle' || w.state === 'starting').length;
    for (let i = ready; i < SPARE + this.queue.length; i++) this.spawnWorker();
  }

  /** Start workers one at a time (not all at once: on a small machine that would slow everything) up to `warm`. */
  private warmUp(): void {
    if (this.stopping || this.workers.size >= this.warm) return;
    this.spawnWorker().once('message', () => this.warmUp());
  }

  private spawnWorker(): ChildProcess {
    const child = fork(this.workerEntry, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'json' });
    const w: Worker = { child, state: 'starting' };
    this.workers.add(w);
    child.on('message', (m: { type?: string }) => {
      if (m.type === 'ready' || m.type === 'idle') {
        const idle = [...this.workers].filter((x) => x.state === 'idle').length;
        if (m.type === 'idle' && idle >= this.maxIdle && this.queue.length === 0) {
          w.state = 'retired';
          child.kill('SIGTERM');
        } else w.state = 'idle';
      } else if (m.type === 'retire') w.state = 'retired';
      this.dispatch();
    });
    child.on('exit', () => {
      this.workers.delete(w);
      // A worker that could not even start (a broken build) must not be restarted in a tight loop.
      if (w.state === 'starting') setTimeout(() => this.dispatch(), 1000).unref();
      else this.dispatch();
    });
    child.on('error', () => undefined);
    return child;
  }
}
