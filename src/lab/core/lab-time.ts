// Real Coda's waits (a down server costs 8.3–30.5 s per call, down-costs.ts; start-up ~1 s) scaled by the lab's
// timeFactor, so the lab keeps the shape of real timings while tests stay quick.
import type { LabConfig } from './lab-config.js';

export function scaledMs(lab: Pick<LabConfig, 'timeFactor'>, realSeconds: number): number {
  return Math.round(realSeconds * 1000 * lab.timeFactor);
}

export function labSleep(lab: Pick<LabConfig, 'timeFactor'>, realSeconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, scaledMs(lab, realSeconds)));
}

/** Epoch ms when this tool call started on the host: the Perl shim's own start (CODA_LAB_CALL_T0), if it gave one. */
export function callStartMs(env: NodeJS.ProcessEnv = process.env): number | null {
  const t0 = Number(env.CODA_LAB_CALL_T0);
  return Number.isFinite(t0) && t0 > 0 && t0 <= Date.now() ? t0 : null;
}

/**
 * Wait until the call has lasted `realSeconds` (scaled) since it started on the host: real Coda's costs were timed
 * on the host for the whole tool run (OBSERVED), so the lab's own time for the call (the shim, the service hop,
 * the simulation) is part of them, not added on top.
 */
export function labSleepFromCallStart(lab: Pick<LabConfig, 'timeFactor'>, realSeconds: number): Promise<void> {
  const t0 = callStartMs();
  const left = scaledMs(lab, realSeconds) - (t0 === null ? 0 : Date.now() - t0);
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, left)));
}
