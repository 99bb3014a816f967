// Ask for a private key's passphrase on the terminal, with no echo, once per key file for the whole run (hosts
// connect in parallel: one prompt at a time, the answer shared). No terminal: no prompt, the caller reports it.

const answers = new Map<string, Promise<string | null>>();
let queue: Promise<unknown> = Promise.resolve();

function readHidden(prompt: string): Promise<string | null> {
  return new Promise((resolve) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    let text = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (value: string | null): void => {
      stdin.removeListener('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      resolve(value);
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done(text);
        if (ch === '\u0004') return done(null);
        // Raw mode swallows Ctrl-C: hand it back to the SIGINT handler.
        if (ch === '\u0003') { done(null); process.kill(process.pid, 'SIGINT'); return; }
        if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
        else text += ch;
      }
    };
    stdin.on('data', onData);
  });
}

export function askPassphraseOnTty(keyFile: string): Promise<string | null> {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return Promise.resolve(null);
  let answer = answers.get(keyFile);
  if (!answer) {
    answer = queue.then(() => readHidden(`Enter passphrase for key '${keyFile}': `));
    queue = answer.catch(() => undefined);
    answers.set(keyFile, answer);
  }
  return answer;
}
