#!/usr/bin/env node
// codaplay's entry point. Before anything else is loaded (yargs, ssh2, the engine take a good part of a second to
// load), Ctrl-C is caught: interrupted at any moment, codaplay ends with exit 99 and one line, never killed by the
// signal with no exit code. The rest comes in by dynamic import, so this file has no static import at all.
const EXIT_INTERRUPTED = 99;

function onSigint(): void {
  // A command that handles Ctrl-C itself (run: finish the running task, start nothing else) has its own listener.
  if (process.listenerCount('SIGINT') > 1) return;
  process.stderr.write(`${process.stderr.isTTY ? '\n' : ''}codaplay: interrupted (Ctrl-C): stopped before finishing\n`);
  process.exit(EXIT_INTERRUPTED);
}

process.on('SIGINT', onSigint);
// After the handler, so a process named codaplay (ps, /proc/PID/comm) is one whose Ctrl-C is handled.
process.title = 'codaplay';
await import('./cli.js');
