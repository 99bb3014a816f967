// A worker serves calls one after another in one process, so "this process's stdin, stdout and stderr" must be
// the current call's: process.stdout/stderr/stdin and the global console are redirected to the call's sockets
// while it runs. The sockets are made blocking, as Node makes a process's stdout pipe on Linux, so what a tool
// wrote is in the kernel when it returns, and `process.stdout.fd` names the socket, so a tool that runs
// another program with inherited output (run-tool.ts) hands it the call's stdout, not the worker's.
import { Console } from 'node:console';
import type { Socket } from 'node:net';
import { Readable } from 'node:stream';

type StdName = 'stdout' | 'stderr' | 'stdin';

export interface CallStdio {
  stdout: Socket;
  stderr: Socket;
  /** The call's stdin, made on first use: only then does the shim start reading its own. */
  stdin(): Readable;
}

let current: CallStdio | null = null;
const originalConsole = globalThis.console;

/** Once per worker: process.stdout/stderr/stdin answer the current call's streams while there is one. */
export function redirectProcessStdio(): void {
  for (const name of ['stdout', 'stderr', 'stdin'] as StdName[]) {
    const own = Object.getOwnPropertyDescriptor(process, name)!;
    Object.defineProperty(process, name, {
      configurable: true,
      enumerable: own.enumerable,
      get: () => {
        if (!current) return own.get ? own.get.call(process) : own.value;
        return name === 'stdin' ? current.stdin() : current[name];
      },
    });
  }
}

interface PipeHandle { fd?: number; setBlocking?(on: boolean): number }

/** Blocking writes, and an `fd` property like a real stdout's. */
export function prepareOutput(s: Socket): void {
  const handle = (s as unknown as { _handle?: PipeHandle })._handle;
  handle?.setBlocking?.(true);
  if (handle?.fd !== undefined && handle.fd >= 0) Object.defineProperty(s, 'fd', { value: handle.fd, configurable: true });
}

export function beginCall(stdio: CallStdio): void {
  current = stdio;
  globalThis.console = new Console({ stdout: stdio.stdout, stderr: stdio.stderr });
}

export function endCall(): void {
  current = null;
  globalThis.console = originalConsole;
}

export function currentCall(): CallStdio | null {
  return current;
}

/**
 * The call's stdin, fed from the control connection's `D<len>\n<bytes>` / `E\n` frames. Its first read asks the
 * shim (`S\n`) to start sending.
 */
export class CallStdin extends Readable {
  private asked = false;
  private buf = Buffer.alloc(0);

  constructor(private readonly ask: () => void) {
    super();
  }

  override _read(): void {
    if (this.asked) return;
    this.asked = true;
    this.ask();
  }

  /** Bytes from the control connection; returns false on a malformed frame. */
  feed(chunk: Buffer): boolean {
    this.buf = Buffer.concat([this.buf, chunk]);
    for (;;) {
      if (this.buf.length === 0) return true;
      if (this.buf[0] === 0x45 /* E */) {
        if (this.buf.length < 2) return true;
        this.buf = this.buf.subarray(2);
        this.push(null);
        continue;
      }
      if (this.buf[0] !== 0x44 /* D */) return false;
      const nl = this.buf.indexOf(0x0a);
      if (nl < 0) return true;
      const len = Number(this.buf.subarray(1, nl).toString('latin1'));
      if (this.buf.length < nl + 1 + len) return true;
      this.push(this.buf.subarray(nl + 1, nl + 1 + len));
      this.buf = this.buf.subarray(nl + 1 + len);
    }
  }
}
