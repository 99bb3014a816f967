// Drives an interactive script one answer at a time: an answer is sent only when the output ends with the
// prompt expected next. Output that stops at anything that looks like a question but is not the expected
// prompt stops the dialog before another answer is sent, naming that prompt and the answer it would have
// given. Pure state machine: the caller feeds output and sends what it returns.
import type { DialogStep } from './answers.js';

export type DialogAction =
  | { kind: 'answer'; text: string; step: DialogStep }
  | { kind: 'wait' }
  | { kind: 'unexpected'; prompt: string; expected: DialogStep }
  | { kind: 'extra'; prompt: string };

/** A tail that waits for input: no newline at the end and ending in ?, :, ] or ) plus a space. */
const LOOKS_LIKE_A_PROMPT = /[?:\])] ?$/;

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
    if (expected && expected.prompt.test(pending)) {
      this.consumed = this.output.length;
      this.next++;
      return { kind: 'answer', text: `${expected.answer}\n`, step: expected };
    }
    const lastLine = pending.slice(pending.lastIndexOf('\n') + 1);
    if (settled && lastLine.trim() && LOOKS_LIKE_A_PROMPT.test(lastLine)) {
      return expected ? { kind: 'unexpected', prompt: lastLine, expected } : { kind: 'extra', prompt: lastLine };
    }
    return { kind: 'wait' };
  }

  /** Everything the script printed, with the secret answers never present (they are not echoed). */
  transcript(): string {
    return this.output;
  }
}
