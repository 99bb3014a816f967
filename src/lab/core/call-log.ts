// Every simulated Coda tool call, one JSON line each, in <labdir>/calls.jsonl: which host ran which tool with which
// arguments, when it started and ended, and its exit status. The bench reads it to time the Coda side of a job
// from what "Coda" itself did (independently of how codaplay batched or recorded its commands).
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';

export const CALL_LOG_FILE = 'calls.jsonl';

export interface LabCall {
  host: string;
  tool: string;
  args: string[];
  /** Epoch ms. */
  start: number;
  end: number;
  code: number | null;
  /** Time the call waited in the lab's tool service for a free worker (lab overhead, included in start..end). */
  queuedMs?: number;
}

/** Append one call; never fails the tool (the log is a measurement aid, not part of Coda's behaviour). */
export function recordLabCall(labDir: string | undefined, call: LabCall): void {
  if (!labDir) return;
  try {
    appendFileSync(join(labDir, CALL_LOG_FILE), `${JSON.stringify(call)}\n`);
  } catch {
    // a lab dir being torn down: nothing to record into
  }
}
