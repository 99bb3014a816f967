// Volume info for venus: from its cache unless `cfs checkvolumes` invalidated it, else GetVolumeInfo from a
// realm root server. A changed replica set is logged as venus does: `VSG change for volume <name> …`.
import { rpcCall } from '../core/rpc.js';
import type { VenusState, Vsg } from './venus-state.js';

const hex8 = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');

export async function volumeInfo(st: VenusState, name: string): Promise<Vsg | null> {
  const cached = st.volumes.get(name);
  if (cached?.valid) return cached;
  for (const ip of st.rootServers) {
    const r = await rpcCall(ip, st.env.lab.codasrvPort, { op: 'GetVolumeInfo', volume: name }, { timeoutMs: 10_000 });
    if (r.rc !== 0) continue;
    const info = r.info as { volumeId: number; serverCount: number; replicas: { id: number; ip: string }[] };
    const fresh: Vsg = { name, groupId: info.volumeId, replicas: info.replicas.slice(0, info.serverCount).filter((x) => x.ip !== '0.0.0.0'), valid: true };
    if (cached) {
      fresh.replicas.forEach((rep, slot) => {
        const old = cached.replicas[slot];
        if (!old || old.id !== rep.id) st.log(`VSG change for volume ${name} [${slot}] ${old ? hex8(old.id) : '00000000'} -> ${hex8(rep.id)}`);
      });
    }
    st.volumes.set(name, fresh);
    return fresh;
  }
  return cached ?? null;
}
