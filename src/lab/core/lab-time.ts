// Real Coda's waits (a down server costs 8.3–30.5 s per call, down-costs.ts; start-up ~1 s) scaled by the lab's
// timeFactor, so the lab keeps the shape of real timings while tests stay quick.
import type { LabConfig } from './lab-config.js';

export function scaledMs(lab: Pick<LabConfig, 'timeFactor'>, realSeconds: number): number {
  return Math.round(realSeconds * 1000 * lab.timeFactor);
}

export function labSleep(lab: Pick<LabConfig, 'timeFactor'>, realSeconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, scaledMs(lab, realSeconds)));
}
