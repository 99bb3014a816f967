// From a path under the mount point to the volume that holds it and the path inside that volume, following
// mount points the way venus does.
import { relative } from 'node:path';
import { rpcCall } from '../core/rpc.js';
import type { VenusState, Vsg } from './venus-state.js';
import { volumeInfo } from './volume-info.js';

export interface Located {
  vsg: Vsg;
  inner: string;
}

export function realmTop(st: VenusState): string {
  return `${st.mountpoint}/${st.realm}`;
}

export async function locate(st: VenusState, fsPath: string): Promise<Located | null> {
  const rel = relative(realmTop(st), fsPath);
  if (rel.startsWith('..')) return null;
  let vsg = await volumeInfo(st, '/');
  if (!vsg) return null;
  let inner = '/';
  for (const part of rel.split('/').filter(Boolean)) {
    const next = inner === '/' ? `/${part}` : `${inner}/${part}`;
    const replica = vsg.replicas[0];
    if (!replica) return null;
    const r = await rpcCall(replica.ip, st.env.lab.codasrvPort, { op: 'GetAttr', volumeId: replica.id, path: next }, { timeoutMs: 10_000 });
    const attr = r.attr as { type: string; mountVolume?: string } | undefined;
    if (r.rc === 0 && attr?.type === 'mount' && attr.mountVolume) {
      const inside = await volumeInfo(st, attr.mountVolume);
      if (!inside) return null;
      vsg = inside;
      inner = '/';
    } else inner = next;
  }
  return { vsg, inner };
}
