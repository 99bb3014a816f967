// vice-setup reads each answer with the shell's `read -r` after printing its prompt (echon: no newline; a few
// prompts are printed with echo and so end in one): answers come from standard input one line at a time,
// whether a person types them or a program feeds them. The loops of the real scripts (`until [ "$x" != "" ]`,
// `case … *) echo "Please answer yes or no."`) live here so every question re-asks exactly as the script does.

/** Standard input ended while a loop of the script waited for a non-empty answer (the real script would spin). */
export class EndOfInput extends Error {}

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

  /** `read -r`: one line, or null at end of input with nothing left. */
  async read(): Promise<string | null> {
    for (;;) {
      const end = this.buffered.indexOf('\n');
      if (end >= 0) {
        const line = this.buffered.slice(0, end);
        this.buffered = this.buffered.slice(end + 1);
        return line;
      }
      if (this.ended) {
        const rest = this.buffered;
        this.buffered = '';
        return rest === '' ? null : rest;
      }
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
      });
    }
  }

  /** Print the prompt and read one line; at end of input the answer is empty (the script's default). */
  async ask(prompt: string): Promise<string> {
    this.output.write(prompt);
    return (await this.read()) ?? '';
  }

  /** `until [ "$x" != "" ]; do <text>; read -r x; done` — `text` is printed before every read. */
  async askNonEmpty(text: string, after = ''): Promise<string> {
    for (;;) {
      this.output.write(text);
      const line = await this.read();
      this.output.write(after);
      if (line === null) throw new EndOfInput();
      if (line !== '') return line;
    }
  }

  /** 8.x: `case $(tr upper lower) in y|yes) … n|no) … *) echo "Please answer yes or no."` (an empty answer too). */
  async askYesNo(prompt: string): Promise<boolean> {
    for (;;) {
      this.output.write(prompt);
      const line = await this.read();
      const v = (line ?? '').toLowerCase();
      if (v === 'y' || v === 'yes') return true;
      if (v === 'n' || v === 'no') return false;
      this.output.write('Please answer yes or no.\n');
      if (line === null) throw new EndOfInput();
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
