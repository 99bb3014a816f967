// `codaplay lab fault <host> knob=value …` / `--clear`: set the fault knobs a running lab reads at once.
import { resolve } from 'node:path';
import { defaultLabDir } from '../core/lab-config.js';
import { FAULT_KNOB_NAMES, readFaults, writeFaults, type FaultKnobs } from '../core/faults.js';

export function labFault(opts: { dir?: string; host: string; set: string[]; clear?: boolean }): FaultKnobs {
  const dir = resolve(opts.dir ?? defaultLabDir());
  const knobs: FaultKnobs = opts.clear ? {} : readFaults(dir, opts.host);
  for (const item of opts.set) {
    const [name, raw = 'true'] = item.split('=');
    if (!(FAULT_KNOB_NAMES as readonly string[]).includes(name!)) throw new Error(`unknown fault knob '${name}' (known: ${FAULT_KNOB_NAMES.join(', ')})`);
    const value = raw === 'true' ? true : raw === 'false' ? false : Number(raw);
    if (typeof value === 'number' && Number.isNaN(value)) throw new Error(`${name}: expected true, false or a number, got '${raw}'`);
    (knobs as Record<string, unknown>)[name!] = value;
  }
  writeFaults(dir, opts.host, knobs);
  return knobs;
}
