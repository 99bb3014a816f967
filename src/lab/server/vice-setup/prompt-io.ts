// vice-setup reads each answer with the shell's `read` after printing its prompt (no newline): answers come
// from standard input one line at a time, whether a person types them or a program feeds them.

export class PromptIO {
  private buffered = '';
  private ended = false;
  private waiting: (() => void) | null = null;

  constructor(private readonly input: NodeJS.ReadableStream = process.stdin, private readonly output: NodeJS.WritableStream = process.stdout) {
    input.setEncoding('utf8');
    input.on('data', (chunk: string) => {
      this.buffered += chunk;
      this.wake();
    });
    input.on('end', () => {
      this.ended = true;
      this.wake();
    });
  }

  say(text: string): void {
    this.output.write(text);
  }

  /** Print the prompt and wait for one line; at end of input the answer is empty (the script's default). */
  async ask(prompt: string): Promise<string> {
    this.output.write(prompt);
    for (;;) {
      const end = this.buffered.indexOf('\n');
      if (end >= 0) {
        const line = this.buffered.slice(0, end);
        this.buffered = this.buffered.slice(end + 1);
        return line.replace(/\r$/, '');
      }
      if (this.ended) {
        const rest = this.buffered;
        this.buffered = '';
        return rest;
      }
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
      });
    }
  }

  close(): void {
    this.input.removeAllListeners('data');
    (this.input as NodeJS.ReadStream).pause?.();
  }

  private wake(): void {
    const w = this.waiting;
    this.waiting = null;
    w?.();
  }
}
