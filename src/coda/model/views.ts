// Questions several Coda modules ask of the cell model: which servers hold (or, after this run, will hold) each
// volume's replicas, and whether those replicas report the same usage. Reads go through the model, so a server
// that does not answer is never called (its replicas are the SCM's cached list of it, or what --check predicted).
import type { Cell } from './cell.js';

/** Volume -> Coda names of the servers that hold (or, after this run, will hold) a replica. */
export async function expectedServers(cell: Cell, volumes: string[], newHosts: string[]): Promise<Map<string, string[]>> {
  const [lines, listed] = await Promise.all([cell.vrlist(), cell.servers()]);
  const names = new Map(listed.map((e) => [e.id, e.name]));
  const newNames = newHosts.map((h) => cell.paths(h).codaName);
  const out = new Map<string, string[]>();
  for (const line of lines) {
    if (!volumes.includes(line.name)) continue;
    const held = line.slots.slice(0, line.count).map((id) => names.get(id >>> 24) ?? `server ${id >>> 24}`);
    out.set(line.name, [...new Set([...held, ...newNames])]);
  }
  return out;
}

/** Volumes whose replicas report different usage (getvolumelist's U) across the servers that hold them. */
export async function unequalReplicas(cell: Cell, volumes: string[], serverHosts: string[]): Promise<string[]> {
  const facts = await cell.volumes(serverHosts);
  const usage = new Map<string, number[]>();
  for (const fact of facts) {
    for (const r of fact.replicas) {
      const volume = r.name.replace(/\.\d+$/, '');
      if (volumes.includes(volume)) usage.set(volume, [...(usage.get(volume) ?? []), r.diskUsed]);
    }
  }
  return volumes.filter((v) => new Set(usage.get(v) ?? []).size > 1);
}
