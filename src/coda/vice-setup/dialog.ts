// Drives an interactive script one answer at a time: an answer is sent only when the output ends with the
// prompt expected next — right after it, or after one newline (a prompt printed with `echo`, as vice-setup-srvdir
// prints the maximum-files question). Output that goes quiet on a last non-empty line that looks like a question
// but is not the expected prompt stops the dialog before another answer is sent, naming that question and the
// answer it would have given. Pure state machine: the caller feeds output and sends what it returns.
import type { DialogStep } from './answers.js';

export type DialogAction =
  | { kind: 'answer'; text: string; step: DialogStep }
  | { kind: 'wait' }
  | { kind: 'unexpected'; prompt: string; expected: DialogStep }
  | { kind: 'extra'; prompt: string };

/** A line that waits for input: ending in ?, :, ] or ), maybe plus a space (a newline may follow it). */
const LOOKS_LIKE_A_PROMPT = /[?:\])] ?$/;

/**
 * The last line with something on it (a question printed with `echo` is followed by a newline); a bare choice
 * list such as `[256K, 1M, 2M, 16M]: ` is named together with the line before it, which says what it asks.
 */
function lastNonEmptyLine(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim());
  const last = lines.at(-1) ?? '';
  return last.startsWith('[') && lines.length > 1 ? `${lines.at(-2)!} ${last}` : last;
}

export class Dialog {
  private output = '';
  /** Output already consumed by answered prompts. */
  private consumed = 0;
  private next = 0;

  constructor(private readonly steps: DialogStep[]) {}

  get answered(): number {
    return this.next;
  }

  get finished(): boolean {
    return this.next >= this.steps.length;
  }

  feed(chunk: string): void {
    this.output += chunk;
  }

  /** What to do now. `settled` says the output has been quiet long enough to judge an unknown prompt. */
  decide(settled: boolean): DialogAction {
    const pending = this.output.slice(this.consumed);
    const expected = this.steps[this.next];
    if (expected && (expected.prompt.test(pending) || (pending.endsWith('\n') && expected.prompt.test(pending.slice(0, -1))))) {
      this.consumed = this.output.length;
      this.next++;
      return { kind: 'answer', text: `${expected.answer}\n`, step: expected };
    }
    const lastLine = lastNonEmptyLine(pending);
    if (settled && lastLine && LOOKS_LIKE_A_PROMPT.test(lastLine)) {
      return expected ? { kind: 'unexpected', prompt: lastLine, expected } : { kind: 'extra', prompt: lastLine };
    }
    return { kind: 'wait' };
  }

  /** Everything the script printed, with the secret answers never present (they are not echoed). */
  transcript(): string {
    return this.output;
  }
}
