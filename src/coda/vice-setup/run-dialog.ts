// Runs vice-setup through a transport's interactive spawn, answering each expected prompt as it appears and
// stopping — before any further answer is sent — at a prompt it does not expect.
import type { InteractiveProcess, Transport } from '../../transport/transport.js';
import type { DialogStep } from './answers.js';
import { Dialog } from './dialog.js';

export interface DialogOutcome {
  ok: boolean;
  code: number | null;
  transcript: string;
  answered: number;
  /** Set when the script asked something unexpected. */
  unexpected?: { prompt: string; expected: DialogStep | null };
}

/**
 * How long the output must stay quiet before an unknown question is judged to be one: long enough for a burst of
 * echo lines over ssh, short enough that an unexpected question stops the dialog within a second.
 */
const SETTLE_MS = 600;

export async function runDialog(transport: Transport, command: string, steps: DialogStep[], timeoutMs: number): Promise<DialogOutcome> {
  if (!transport.spawn) throw new Error(`the ${transport.host} transport cannot run interactive commands`);
  const proc: InteractiveProcess = await transport.spawn(command, { timeoutMs });
  const dialog = new Dialog(steps);
  let unexpected: DialogOutcome['unexpected'];
  let quietTimer: NodeJS.Timeout | undefined;

  const act = (settled: boolean): void => {
    if (unexpected) return;
    for (;;) {
      const action = dialog.decide(settled);
      if (action.kind === 'answer') {
        proc.write(action.text);
        continue;
      }
      if (action.kind === 'unexpected' || action.kind === 'extra') {
        unexpected = { prompt: action.prompt, expected: action.kind === 'unexpected' ? action.expected : null };
        void proc.kill();
      }
      return;
    }
  };
  proc.onOutput((chunk) => {
    dialog.feed(chunk);
    act(false);
    if (quietTimer) clearTimeout(quietTimer);
    quietTimer = setTimeout(() => act(true), SETTLE_MS);
  });
  const result = await proc.result;
  if (quietTimer) clearTimeout(quietTimer);
  return {
    ok: !unexpected && result.code === 0 && dialog.finished,
    code: result.code,
    transcript: dialog.transcript(),
    answered: dialog.answered,
    unexpected,
  };
}
