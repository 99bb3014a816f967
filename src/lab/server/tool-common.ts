// What every simulated admin tool shares: this host's env, its vicedir, Coda's failure exit status for the
// version (255 up to 6.10, 1 from 6.11), and "call a server, or wait like RPC2 does and report NOBINDING".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HostEnv } from '../core/host-env.js';
import { labSleep } from '../core/lab-time.js';
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
 * Call the codasrv at `ip`; when nothing answers, wait the real tool's cost first (`realSeconds`, scaled by
 * the lab's time factor; OBSERVED corrections: volutil 15.3 s, getvolinfo and rpc2ping 8.3 s).
 */
export async function callServer(env: HostEnv, ip: string, request: RpcRequest, realSeconds: number): Promise<RpcResponse> {
  const answer = await rpcCall(ip, env.lab.codasrvPort, request, { timeoutMs: 30_000 });
  if (answer.rc === RPC2_ERRORS.NOBINDING) await labSleep(env.lab, realSeconds);
  return answer;
}

export function out(text: string): void {
  process.stdout.write(text);
}

export function err(text: string): void {
  process.stderr.write(text);
}
