// Which replica each new server still needs for each volume, and whether an interrupted run already made it.
// Pure: computed from VRList, the servers file and each new server's getvolumelist.
import type { VolumeLine } from './preflight-checks.js';

export interface ServerVolumes {
  /** Inventory host of the new server. */
  host: string;
  codaName: string;
  serverId: number;
  /** Volume name -> replica id, from `volutil getvolumelist` on that server. */
  volumes: Map<string, number>;
  /** False only in check mode for a server the servers task has not listed yet. */
  listed?: boolean;
  /** Replica names whose ids are predicted (check mode: create_rep has not run). */
  predicted?: Set<string>;
}

export type ReplicaStep =
  | { kind: 'create'; volume: string; groupId: number; server: ServerVolumes; slot: number; name: string }
  | { kind: 'adopt'; volume: string; groupId: number; server: ServerVolumes; slot: number; name: string; id: number; predicted: boolean };

export interface VolumePlan {
  volume: VolumeLine;
  steps: ReplicaStep[];
  /** Replica ids already in VRList that need `setlogparms reson 4` before resolution can fill a runt. */
  existing: number[];
  done: string[];
  clashes: string[];
}

export function planVolume(volume: VolumeLine, newServers: ServerVolumes[]): VolumePlan {
  const used = volume.slots.slice(0, volume.count);
  const plan: VolumePlan = { volume, steps: [], existing: used, done: [], clashes: [] };
  let slot = volume.count;
  for (const server of newServers) {
    const present = used.findIndex((id) => id >>> 24 === server.serverId);
    if (present >= 0) {
      plan.done.push(`${server.codaName} holds replica ${hex8(used[present]!)} in slot ${present}`);
      continue;
    }
    const name = `${volume.name}.${slot}`;
    for (const [other] of server.volumes) {
      const m = other === volume.name || (other.startsWith(`${volume.name}.`) && /^\d+$/.test(other.slice(volume.name.length + 1)));
      if (m && other !== name) plan.clashes.push(`${server.codaName} already has a volume named ${other}; the new replica would be ${name}`);
    }
    const existingId = server.volumes.get(name);
    plan.steps.push(existingId !== undefined
      ? { kind: 'adopt', volume: volume.name, groupId: volume.groupId, server, slot, name, id: existingId, predicted: server.predicted?.has(name) ?? false }
      : { kind: 'create', volume: volume.name, groupId: volume.groupId, server, slot, name });
    slot++;
  }
  return plan;
}

export function hex8(id: number): string {
  return (id >>> 0).toString(16).padStart(8, '0');
}
