// What the ssh transport's exec and spawn share about one exec channel: the exit status that can arrive before
// anyone listens, ssh2's signal names, and the wrapper that runs a command as its own process group (so a timeout
// or a kill can end all of it) and reports the group first on stderr.
import type { ClientChannel } from 'ssh2';
import { quoteShellArg } from '../util/quote.js';

/** Exit statuses seen before collect() attached its listener. */
export const EARLY_EXIT = new WeakMap<ClientChannel, { code: number | null; signal?: string }>();

export const PID_MARKER = '@@codaplay-pgid ';

/** ssh2 reports 'TERM'; the contract (like execa and Node) uses 'SIGTERM'. */
export function signalName(s: string | undefined | null): string | null {
  if (!s) return null;
  return s.startsWith('SIG') ? s : `SIG${s}`;
}

/** `command` as its own process group, the group's id printed first on stderr (`PID_MARKER<pgid>`). */
export function inProcessGroup(command: string): string {
  return `exec setsid -w /bin/sh -c 'echo "${PID_MARKER}$$" >&2; eval "$1"' sh ${quoteShellArg(command)}`;
}
