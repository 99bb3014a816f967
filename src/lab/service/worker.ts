// A warm worker of the tool service (service.ts): every tool module is loaded once, then calls are served one at a
// time with the caller's argv, cwd, umask and environment, and its stdin/stdout/stderr (call-stdio.ts). A call
// that leaves work behind when its main() returns (a timer, a socket, a pending file operation) turns its worker
// into a plain process for it: the worker leaves the pool, runs until its event loop is empty, reports the exit
// status and ends, as a process of its own would. A shim that goes away mid-call (a killed ssh session) ends the
// worker, as the tool's process would have been ended.
import { writeSync } from 'node:fs';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { recordLabCall } from '../core/call-log.js';
import { callStartMs } from '../core/lab-time.js';
import { loadTool, type ToolModule } from '../tools/load-tool.js';
import { ALL_TOOLS } from '../tools/tool-names.js';
import { beginCall, CallStdin, currentCall, endCall, prepareOutput, redirectProcessStdio } from './call-stdio.js';
import { WORKER_TITLE as TITLE } from './paths.js';
import { decodeHeader, type CallHeader, type ConnectionKind } from './protocol.js';

interface CallMessage { type: 'call'; token: string; kind: ConnectionKind; header?: string; queuedMs?: number }
interface Parts { A?: Socket; O?: Socket; E?: Socket; header?: string; queuedMs?: number }

const toolsEntry = fileURLToPath(new URL('../tools/main.js', import.meta.url));
const realExit: (code?: number) => never = process.exit.bind(process);
const modules = new Map<string, ToolModule>();
const parts = new Map<string, Parts>();
let active: { control: Socket; done: boolean } | null = null;
let leaving = false;

/** Report the status to the shim; the sockets are blocking, so everything the tool wrote is already sent. */
function report(code: number): void {
  if (!active || active.done) return;
  active.done = true;
  const call = currentCall();
  call?.stdout.destroySoon();
  call?.stderr.destroySoon();
  active.control.end(`X${code}\n`);
}

function abandon(code: number): never {
  writeSync(2, `${new Date().toISOString()} worker ${process.pid}: call abandoned (${code}): a socket of the call closed or failed\n`);
  realExit(code);
}

function applyHeader(h: CallHeader): void {
  for (const k of Object.keys(process.env)) delete process.env[k];
  Object.assign(process.env, h.env);
  try {
    process.chdir(h.cwd);
  } catch {
    process.chdir('/');
  }
  process.umask(h.umask);
  process.argv = [process.execPath, toolsEntry, h.tool, ...h.args];
  process.exitCode = undefined;
}

/** Resource types (counted) that the call added and that are still there. */
function extras(baseline: string[]): string[] {
  const left = [...baseline];
  return process.getActiveResourcesInfo().filter((r) => {
    const i = left.indexOf(r);
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
}

/** Give sockets and file operations the tool closed a few turns of the loop to finish closing. */
async function settled(baseline: string[]): Promise<boolean> {
  for (let i = 0; i < 20; i++) {
    if (extras(baseline).length === 0) return true;
    await new Promise((r) => (i < 10 ? setImmediate(r) : setTimeout(r, 2)));
  }
  return extras(baseline).length === 0;
}

async function serve(h: CallHeader, A: Socket, O: Socket, E: Socket, queuedMs = 0): Promise<void> {
  for (const s of [A, O, E]) prepareOutput(s);
  const call = { control: A, done: false };
  active = call;
  let stdin: CallStdin | null = null;
  // Only this call's caller going away ends the worker: a worker serves one call after another, and the previous
  // call's sockets may report their close while the next call runs (that once abandoned the next call).
  const gone = (): void => {
    if (active === call && !call.done) abandon(129);
  };
  for (const s of [A, O, E]) s.on('error', gone).on('close', gone);
  A.on('data', (chunk: Buffer) => {
    if (stdin && !stdin.feed(chunk)) gone();
  });
  process.title = `${TITLE} ${h.tool}`;
  beginCall({ stdout: O, stderr: E, stdin: () => (stdin ??= new CallStdin(() => A.write('S\n'))) });
  applyHeader(h);
  // From the shim's own start when it gave it (what "timed on the host" means for real Coda's tools).
  const startedAt = callStartMs() ?? Date.now();
  const baseline = process.getActiveResourcesInfo();
  let code: number;
  try {
    const tool = modules.get(h.tool);
    if (!tool) {
      process.stderr.write(`${h.tool}: not a simulated Coda tool\n`);
      code = 127;
    } else code = await tool.main(h.args);
  } catch (err) {
    process.stderr.write(`${h.tool}: internal simulator error: ${err instanceof Error ? err.stack : String(err)}\n`);
    code = 250;
  }
  // The lab's call log (bench): from the shim's start (or the call's arrival here) to the tool's answer.
  recordLabCall(process.env.CODA_LAB_DIR, { host: process.env.CODA_LAB_HOST ?? '', tool: h.tool, args: h.args, start: startedAt, end: Date.now(), code, ...(queuedMs > 0 ? { queuedMs } : {}) });
  if (await settled(baseline)) {
    report(code);
    endCall();
    active = null;
    process.title = `${TITLE} idle`;
    if (leaving) realExit(0);
    process.send?.({ type: 'idle' });
    return;
  }
  // Work left behind: finish like a process, when the event loop has nothing else to do. Noted in the service's
  // log (this process's own fd 2), since it costs a worker.
  writeSync(2, `${new Date().toISOString()} worker ${process.pid}: ${h.tool} left ${extras(baseline).join(', ')} behind; finishing as a process\n`);
  process.send?.({ type: 'retire' });
  for (const s of [A, O, E]) s.unref();
  process.channel?.unref();
  process.once('beforeExit', () => {
    report(code);
    realExit(code);
  });
}

function onMessage(m: CallMessage, handle: unknown): void {
  if (m?.type !== 'call' || !handle) return;
  const p = parts.get(m.token) ?? {};
  p[m.kind] = handle as Socket;
  if (m.header) p.header = m.header;
  if (m.queuedMs !== undefined) p.queuedMs = m.queuedMs;
  parts.set(m.token, p);
  if (!p.A || !p.O || !p.E || !p.header) return;
  parts.delete(m.token);
  void serve(decodeHeader(Buffer.from(p.header, 'base64')), p.A, p.O, p.E, p.queuedMs);
}

// process.exit() inside a tool ends that call with its status, and this worker with it.
process.exit = ((code?: number | string | null) => {
  const n = Number(code ?? process.exitCode ?? 0);
  report(n);
  return realExit(n);
}) as typeof process.exit;
process.on('uncaughtException', (err) => {
  // Into the service's own log too: the call's stderr may not reach its caller any more.
  writeSync(2, `${new Date().toISOString()} worker ${process.pid}: uncaught ${err instanceof Error ? err.stack : String(err)}\n`);
  if (!active) abandon(1);
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  report(1);
  realExit(1);
});
process.on('disconnect', () => {
  leaving = true;
  if (!active) realExit(0);
});
process.on('message', onMessage);
redirectProcessStdio();
process.title = `${TITLE} idle`;
for (const tool of ALL_TOOLS) modules.set(tool, await loadTool(tool));
process.send?.({ type: 'ready' });
