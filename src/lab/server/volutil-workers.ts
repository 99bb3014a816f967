// codasrv serves volutil with two worker threads, and a failed setlogparms poisons the one it ran on: the error
// paths of S_VolSetLogParms return without disconnecting, so the next setlogparms or create_rep landing on that
// worker fails `Unknown RPC2 return code 700` (SrvLog `Unable to synchronize with file server; aborted`) until a
// lookup, info or create_rep lands on it, or the server restarts (OBSERVED, corrections). Real Coda picks the
// worker by timing; the lab picks them in turn, one volutil call after another, so tests can stage it exactly.
// `updatedb`, which updateclnt sends on its own schedule, is left out of the turns so they stay predictable.
import type { RpcRequest, RpcResponse } from '../core/rpc.js';
import type { ServerRuntime } from './runtime.js';

export interface VolutilWorkers {
  /** The worker the next volutil call lands on (0 or 1). */
  next: number;
  poisoned: [boolean, boolean];
}

const VFAIL = 700;
/** Calls that fail on a poisoned worker. */
const FAIL_WHEN_POISONED = new Set(['SetLogParms', 'CreateRep']);
/** Calls that clean a poisoned worker up (create_rep does so while failing). */
const CLEARS = new Set(['Lookup', 'Info', 'CreateRep']);

function workersOf(rt: ServerRuntime): VolutilWorkers {
  rt.volutilWorkers ??= { next: 0, poisoned: [false, false] };
  return rt.volutilWorkers;
}

/** Run one volutil request on the next worker, with the poison's effects. */
export async function onVolutilWorker(rt: ServerRuntime, req: RpcRequest, serve: () => Promise<RpcResponse>): Promise<RpcResponse> {
  if (req.op === 'UpdateDB') return serve();
  const workers = workersOf(rt);
  const i = workers.next;
  workers.next = 1 - i;
  if (workers.poisoned[i]) {
    if (CLEARS.has(req.op)) workers.poisoned[i] = false;
    if (FAIL_WHEN_POISONED.has(req.op)) {
      rt.log('Unable to synchronize with file server; aborted');
      return { rc: VFAIL };
    }
  }
  const answer = await serve();
  if (req.op === 'SetLogParms' && (answer.rc === 603 || answer.rc === 22)) workers.poisoned[i] = true;
  return answer;
}
