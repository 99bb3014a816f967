// transport.spawn over ssh: a command in its own process group (ssh-channel.ts) whose output is handed on as it
// arrives and whose stdin is written as the caller goes (vice-setup's questions, one at a time).
import type { ClientChannel } from 'ssh2';
import type { ExecResult, InteractiveProcess } from './transport.js';
import { EARLY_EXIT, PID_MARKER, signalName } from './ssh-channel.js';

/** The InteractiveProcess over an opened channel; `release` frees its channel slot when it closes. */
export function interactiveProcess(stream: ClientChannel, release: () => void, killGroup: (pgid: string) => Promise<void>, timeoutMs?: number): InteractiveProcess {
  const listeners: ((chunk: string) => void)[] = [];
  let stdout = '';
  let stderr = '';
  let code: number | null = null;
  let signal: string | null = null;
  let pgid: string | undefined;
  let head = '';
  stream.setEncoding('utf8');
  stream.stderr.setEncoding('utf8');
  const emit = (chunk: string): void => listeners.forEach((l) => l(chunk));
  stream.on('data', (d: string) => { stdout += d; emit(d); });
  stream.stderr.on('data', (d: string) => {
    if (pgid === undefined) {
      // The marker line comes first but may arrive split across chunks: hold stderr back until it is whole.
      head += d;
      if (!head.includes('\n')) return;
      const m = new RegExp(`^${PID_MARKER}(\\d+)\\n`).exec(head);
      pgid = m?.[1] ?? '';
      d = m ? head.slice(m[0].length) : head;
    }
    stderr += d;
    if (d) emit(d);
  });
  const early = EARLY_EXIT.get(stream);
  if (early) { code = early.code; signal = signalName(early.signal); }
  stream.on('exit', (c: number | null, s?: string) => { code = c; signal = signalName(s); });
  const kill = async (): Promise<void> => { if (pgid) await killGroup(pgid); stream.destroy(); };
  const result = new Promise<ExecResult>((resolve) => {
    const timer = timeoutMs ? setTimeout(() => void kill(), timeoutMs) : undefined;
    stream.on('close', () => { if (timer) clearTimeout(timer); release(); resolve({ code, signal, stdout, stderr }); });
  });
  return { onOutput: (l) => listeners.push(l), write: (t) => stream.write(t), closeStdin: () => stream.end(), kill, result };
}
