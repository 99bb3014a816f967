// Fetching a db file from the SCM's updatesrv (updatefetch, updateclnt and vice-setup use it). An updatesrv that
// does not answer costs what RPC2's bind costs on real Coda (30.5 s, OBSERVED corrections), scaled by the
// lab's time factor; the wait is the caller's (`why: 'unreachable'`).
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { HostEnv } from '../core/host-env.js';
import { resolveName } from '../core/name-service.js';
import { readFaults } from '../core/faults.js';
import { RPC2_ERRORS, rpcCall } from '../core/rpc.js';

export type FetchOutcome =
  | { ok: true; changed: boolean }
  | { ok: false; why: 'unresolvable' | 'unreachable' | 'unauthenticated' | 'denied' | 'missing' };


/** keepBak: updateclnt moves the old copy to <file>.BAK before putting the new one in place. */
export async function fetchFromScm(env: HostEnv, scm: string, token: string, remote: string, local: string, keepBak = false): Promise<FetchOutcome> {
  const ip = resolveName(env.root, scm);
  if (!ip) return { ok: false, why: 'unresolvable' };
  if (readFaults(env.lab.dir, env.host.short).propagationStalled) return { ok: false, why: 'unreachable' };
  const r = await rpcCall(ip, env.lab.updatePort, { op: 'Fetch', path: remote, token }, { timeoutMs: 10_000 });
  if (r.rc === RPC2_ERRORS.NOTAUTHENTICATED) return { ok: false, why: 'unauthenticated' };
  if (r.rc === 13) return { ok: false, why: 'denied' };
  if (r.rc === 2) return { ok: false, why: 'missing' };
  if (r.rc !== 0) return { ok: false, why: 'unreachable' };
  const data = Buffer.from(String(r.data), 'base64');
  let old: Buffer | null = null;
  try { old = readFileSync(local); } catch { old = null; }
  if (old && old.equals(data)) return { ok: true, changed: false };
  writeFileSync(`${local}.tmp`, data, { mode: /\.tk$|auth2\.pw/.test(local) ? 0o600 : 0o644 });
  if (keepBak && old) renameSync(local, `${local}.BAK`);
  renameSync(`${local}.tmp`, local);
  return { ok: true, changed: true };
}
