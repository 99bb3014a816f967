// Fault knobs: per-host JSON files under <labdir>/faults/, read by the simulated tools and daemons each time
// they matter, so a knob set while the lab runs takes effect at once. Set with `codaplay lab fault`.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FaultKnobs {
  /** Server: codasrv stops answering (calls to it fail as for a down server) and startserver fails. */
  down?: boolean;
  /** Server: startserver takes this many (scaled) seconds before `File Server started`. */
  slowStartSec?: number;
  /** Server: `volutil create_rep` fails with VolCreate … 603 (as for a bad partition). */
  createRepFails?: boolean;
  /** Client: the next walk loses its servers after touching this many objects (one-shot: cleared when it fires). */
  disconnectAfter?: number;
  /** Server: updateclnt fetches nothing (and updatefetch fails with `Could not contact SCM.`). */
  propagationStalled?: boolean;
  /**
   * Bare server: vice-setup asks one question more than its version's scripts (as another Coda version might):
   * true or 1 prints it with `echon` (no newline), 2 with `echo`s, ending in a newline like the maximum-files one.
   */
  viceSetupPromptDrift?: boolean | number;
}

export const FAULT_KNOB_NAMES = ['down', 'slowStartSec', 'createRepFails', 'disconnectAfter', 'propagationStalled', 'viceSetupPromptDrift'] as const;

function faultFile(labDir: string, host: string): string {
  return join(labDir, 'faults', `${host}.json`);
}

export function readFaults(labDir: string, host: string): FaultKnobs {
  try {
    return JSON.parse(readFileSync(faultFile(labDir, host), 'utf8')) as FaultKnobs;
  } catch {
    return {};
  }
}

export function writeFaults(labDir: string, host: string, knobs: FaultKnobs): void {
  mkdirSync(join(labDir, 'faults'), { recursive: true });
  const file = faultFile(labDir, host);
  writeFileSync(`${file}.tmp`, JSON.stringify(knobs, null, 2) + '\n');
  renameSync(`${file}.tmp`, file);
}
