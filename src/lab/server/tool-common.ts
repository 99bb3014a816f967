// What every simulated admin tool shares: this host's env, its vicedir, Coda's failure exit status for the
// version (255 up to 6.10, 1 from 6.11), and "call a server, or wait like RPC2 does and report NOBINDING".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HostEnv } from '../core/host-env.js';
import { ANSWERED_CALL_SECONDS } from '../core/down-costs.js';
import { labSleepFromCallStart } from '../core/lab-time.js';
import { RPC2_ERRORS, rpcCall, type RpcRequest, type RpcResponse } from '../core/rpc.js';
import { readServerConf } from './server-conf.js';

/** server.conf's vicedir; Coda's default /vice is the simulated host's, below its root (never this machine's). */
export function vicedirOf(env: HostEnv): string {
  return readServerConf(env.confDir).values.get('vicedir') ?? join(env.root, 'vice');
}

export function failStatus(env: HostEnv): number {
  return env.lab.version === '8.1' ? 1 : 255;
}

export function readToken(vicedir: string, name: string): string | null {
  try {
    return readFileSync(join(vicedir, 'db', name), 'utf8').trim();
  } catch {
    return null;
  }
}

/**
 * Call the codasrv at `ip` and take as long as the real tool does (scaled by the lab's time factor): when
 * nothing answers, `realSeconds` (OBSERVED corrections: volutil 15.3 s, getvolinfo and rpc2ping 8.3 s); when it
 * answers, `answeredSeconds` (ANSWERED_CALL_SECONDS for a tool's bind; 0 for a further call on the same binding).
 */
export async function callServer(env: HostEnv, ip: string, request: RpcRequest, realSeconds: number, answeredSeconds = ANSWERED_CALL_SECONDS): Promise<RpcResponse> {
  const answer = await rpcCall(ip, env.lab.codasrvPort, request, { timeoutMs: 30_000 });
  await labSleepFromCallStart(env.lab, answer.rc === RPC2_ERRORS.NOBINDING ? realSeconds : answeredSeconds);
  return answer;
}

export function out(text: string): void {
  process.stdout.write(text);
}

export function err(text: string): void {
  process.stderr.write(text);
}
