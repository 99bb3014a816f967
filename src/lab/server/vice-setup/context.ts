// What the parts of the simulated vice-setup share: the dialog, the Coda version whose scripts it plays, and the
// host's paths. `bin` stands for Coda's sbindir: the scripts name themselves ($0) by their path there.
import { join } from 'node:path';
import type { PromptIO } from './prompt-io.js';

export interface SetupContext {
  io: PromptIO;
  /** Plays 6.9.10's scripts (lab versions 6.1 and 6.9) instead of 8.1's. */
  v6: boolean;
  /** Directory of server.conf (6.x: <prefix>/etc, 8.1: <prefix>/etc/coda). */
  confDir: string;
  vicedir: string;
  /** hostname -f */
  hostname: string;
  bin: string;
  /** Host root: the script's defaults (/vice, /vicepa) are paths on the simulated host, so below it. */
  root: string;
  /** 6.x: the user declined to have server.conf created. */
  noConf?: boolean;
}

export const scriptPath = (c: SetupContext, name: string): string => join(c.bin, name);
