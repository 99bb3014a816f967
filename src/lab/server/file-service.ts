// The file-service side of the simulated codasrv: what venus asks (GetAttr, ReadDir, Fetch), resolution
// (Resolve on a coordinator, ResGetObject/ResForce between servers; REFERENCE §8) and the lab's own
// LabPopulate / LabListReplica. Objects are keyed by their path inside the volume.
import { rpcCall, type RpcRequest, type RpcResponse } from '../core/rpc.js';
import { readContainer, writeContainer } from './containers.js';
import { populate } from './populate.js';
import type { ServerRuntime } from './runtime.js';
import type { ServerVolume, VolumeObject } from './rvm-state.js';

const VNOVNODE = 602;
const VNOVOL = 603;
const EINCONS = 699;

const zeroVV = (): number[] => [0, 0, 0, 0, 0, 0, 0, 0];
const isRunt = (o: VolumeObject | undefined): boolean => !o || o.vv.every((n) => n === 0);
const sameVV = (a: number[], b: number[]): boolean => a.every((n, i) => n === b[i]);

function volumeOf(rt: ServerRuntime, req: RpcRequest): ServerVolume | undefined {
  return rt.findVolume(Number(req.volumeId));
}

function objectReply(rt: ServerRuntime, v: ServerVolume, path: string, withData: boolean): RpcResponse {
  const o = v.objects[path];
  if (!o) return { rc: VNOVNODE };
  const data = withData && o.type === 'file' && o.container !== undefined ? readContainer(v.partition, o.container).toString('base64') : undefined;
  return { rc: 0, attr: o, data };
}

function force(rt: ServerRuntime, v: ServerVolume, path: string, o: VolumeObject, data: string | undefined): void {
  const parent = path.replace(/\/[^/]+$/, '') || '/';
  if (path !== '/' && !v.objects[parent]) v.objects[parent] = { type: 'dir', vv: [...o.vv], size: 0 };
  const copy: VolumeObject = { type: o.type, vv: [...o.vv], size: o.size, mountVolume: o.mountVolume };
  const old = v.objects[path];
  if (o.type === 'file') copy.container = old?.container !== undefined && old.size === o.size ? old.container : writeContainer(rt, v.partition, v.id, Buffer.from(data ?? '', 'base64'));
  v.objects[path] = copy;
}

/** Resolution on this coordinator: fetch the object from every site of the group, force it onto the runts. */
async function resolve(rt: ServerRuntime, req: RpcRequest): Promise<RpcResponse> {
  const entry = rt.vrdb.find((e) => e.groupId === Number(req.groupId));
  const path = String(req.path);
  if (!entry) return { rc: VNOVOL };
  const local = rt.state.volumes.find((v) => entry.replicas.slice(0, entry.count).includes(v.id));
  if (!local) return { rc: VNOVOL };
  const sites = await Promise.all(entry.replicas.slice(0, entry.count).map(async (id) => {
    if (id === local.id) return { id, ip: '', reply: objectReply(rt, local, path, true) };
    const ip = rt.serversTable.get(id >>> 24)?.ip;
    if (!ip) return { id, ip: '', reply: { rc: -1003 } as RpcResponse };
    return { id, ip, reply: await rpcCall(ip, rt.env.lab.codasrvPort, { op: 'ResGetObject', volumeId: id, path }, { timeoutMs: 10_000 }) };
  }));
  if (sites.some((s) => s.reply.rc < 0)) {
    rt.log(`ViceResolve: cannot reach all sites of ${entry.name} for ${path}; resolving later`);
    return { rc: -1003 };
  }
  const holders = sites.filter((s) => s.reply.rc === 0 && !isRunt(s.reply.attr as VolumeObject));
  if (holders.length === 0) return { rc: VNOVNODE };
  const best = holders.reduce((a, b) => ((b.reply.attr as VolumeObject).vv.reduce((x, y) => x + y, 0) > (a.reply.attr as VolumeObject).vv.reduce((x, y) => x + y, 0) ? b : a));
  const winner = best.reply.attr as VolumeObject;
  const behind = sites.filter((s) => s.reply.rc !== 0 || !sameVV((s.reply.attr as VolumeObject).vv, winner.vv));
  if (behind.length === 0) {
    rt.log(`RegDirResolution: VECTORS ARE ALREADY EQUAL for ${entry.name}:${path}`);
    return { rc: 0, resolved: 0 };
  }
  if (winner.type === 'dir' && ((local.resOn & 4) === 0 || rt.conf.get('resolution') === '0')) {
    // OldDirResolve: only trivial cases; anything else becomes a conflict (REFERENCE §0 2b, §8).
    const mine = local.objects[path];
    if (mine) mine.conflict = true;
    rt.commit();
    rt.log(`OldDirResolve: ${entry.name}:${path} marked inconsistent (resolution is off on ${local.name})`);
    return { rc: EINCONS };
  }
  for (const s of behind) {
    if (s.id === local.id) force(rt, local, path, winner, best.reply.data as string | undefined);
    else await rpcCall(s.ip, rt.env.lab.codasrvPort, { op: 'ResForce', volumeId: s.id, path, object: winner, data: best.reply.data }, { timeoutMs: 10_000 });
  }
  rt.commit();
  return { rc: 0, resolved: behind.length };
}

export async function handleFileServiceOp(rt: ServerRuntime, req: RpcRequest): Promise<RpcResponse | undefined> {
  switch (req.op) {
    case 'GetAttr':
    case 'ResGetObject':
    case 'Fetch': {
      const v = volumeOf(rt, req);
      return v ? objectReply(rt, v, String(req.path), req.op !== 'GetAttr') : { rc: VNOVOL };
    }
    case 'ReadDir': {
      const v = volumeOf(rt, req);
      if (!v) return { rc: VNOVOL };
      const dir = String(req.path);
      if (!v.objects[dir]) return { rc: VNOVNODE };
      const prefix = dir === '/' ? '/' : `${dir}/`;
      return { rc: 0, entries: Object.keys(v.objects).filter((p) => p !== dir && p.startsWith(prefix) && !p.slice(prefix.length).includes('/')).map((p) => p.slice(prefix.length)).sort() };
    }
    case 'ResForce': {
      const v = volumeOf(rt, req);
      if (!v) return { rc: VNOVOL };
      force(rt, v, String(req.path), req.object as VolumeObject, req.data as string | undefined);
      rt.commit();
      return { rc: 0 };
    }
    case 'Resolve': return resolve(rt, req);
    case 'LabPopulate': {
      const v = volumeOf(rt, req);
      if (!v) return { rc: VNOVOL };
      populate(rt, v, { dirs: Number(req.dirs ?? 2), files: Number(req.files ?? 10), seed: Number(req.seed ?? 1), mounts: (req.mounts as string[] | undefined) ?? [] });
      return { rc: 0 };
    }
    case 'LabListReplica': {
      const v = volumeOf(rt, req);
      if (!v) return { rc: VNOVOL };
      return { rc: 0, objects: Object.entries(v.objects).sort(([a], [b]) => a.localeCompare(b)).map(([path, o]) => ({ path, type: o.type, size: o.size, vv: o.vv, conflict: o.conflict ?? false })) };
    }
    default: return undefined;
  }
}

export { zeroVV };
