// Volume-level admin operations of the simulated codasrv (volutil's server side, REFERENCE §7.2).
import { existsSync, writeFileSync } from 'node:fs';
import type { RpcRequest, RpcResponse } from '../core/rpc.js';
import { readFaults } from '../core/faults.js';
import type { ServerRuntime } from './runtime.js';
import type { ServerVolume } from './rvm-state.js';

const VNOVNODE = 602;
const VNOVOL = 603;
const VFAIL = 700;
const EINVAL = 22;
const hex = (n: number): string => (n >>> 0).toString(16);

export function diskUsed(v: ServerVolume): number {
  const objs = Object.values(v.objects);
  return 1 + objs.length + Math.ceil(objs.reduce((n, o) => n + (o.type === 'file' ? o.size : 0), 0) / 1024);
}

export function createRep(rt: ServerRuntime, req: RpcRequest): RpcResponse {
  const partition = String(req.partition).replace(/\/+$/, '') || '/';
  const name = String(req.name);
  const groupId = Number(req.groupId);
  const wanted = req.replicaId === undefined ? undefined : Number(req.replicaId);
  const id = wanted ?? rt.state.maxVolId + 1;
  const fail = (why: string, rc = VNOVOL): RpcResponse => {
    rt.log(why);
    rt.log('Unable to create the volume; aborted');
    rt.log(`create: volume creation failed for volume ${hex(id)}`);
    rt.log(`status = (${rc}) `);
    return { rc };
  };
  if (groupId === 0) return fail('CreateVolume: group id 0', VFAIL);
  if (readFaults(rt.env.lab.dir, rt.env.host.short).createRepFails) return fail(`VCreateVolume: Cannot find partition ${partition}. Bailing out.`);
  if (Buffer.byteLength(partition) >= 32) return fail(`VCreateVolume: partition name ${partition} too long`);
  if (!rt.partitions.includes(partition)) return fail(`VCreateVolume: Cannot find partition ${partition}. Bailing out.`);
  if (id > rt.state.maxVolId) rt.state.maxVolId = id;
  const resOn = rt.conf.get('resolution') === '0' ? 0 : 4;
  rt.state.volumes.push({ id, name, partition, groupId, resOn, logSize: 4096, created: Math.floor(Date.now() / 1000), objects: { '/': { type: 'dir', vv: [0, 0, 0, 0, 0, 0, 0, 0], size: 0 } } });
  rt.commit();
  rt.log(`VAttachVolumeById: vol ${hex(id)} (${name}) attached and online`);
  rt.log(`create: volume ${hex(id)} (${name}) created`);
  return { rc: 0, volumeId: id };
}

export function setLogParms(rt: ServerRuntime, req: RpcRequest): RpcResponse {
  const raw = Number(req.volumeId);
  const group = rt.vrdb.find((e) => e.groupId === raw);
  const localId = group ? group.replicas.find((r) => r >>> 24 === rt.serverId) ?? raw : raw;
  const v = rt.findVolume(localId);
  if (!v) return { rc: VNOVOL };
  if (req.reson !== undefined) {
    const flag = Number(req.reson);
    if (flag !== 0 && flag !== 4) return { rc: EINVAL };
    v.resOn = flag;
    rt.log(`S_VolSetLogParms: res flag on volume 0x${hex(v.id)} set to ${flag} (resolution ${flag ? 'enabled' : 'disabled'})`);
  } else return { rc: EINVAL };
  if (req.logsize !== undefined) {
    if (Number(req.logsize) % 32 !== 0) return { rc: EINVAL };
    v.logSize = Number(req.logsize);
  }
  rt.commit();
  rt.log(`S_VolSetLogParms: volume ${hex(v.id)} log parms set`);
  return { rc: 0 };
}

export function volumeList(rt: ServerRuntime): string {
  const parts = rt.partitions.map((p) => `P${p} H${rt.hostname} T${hex(0x6576580)} F${hex(0x4e6b7e0 - rt.state.volumes.length * 16)}\n`);
  const vols = rt.state.volumes.map((v) => `W${v.name} I${hex(v.id)} H${hex(rt.serverId)} P${v.partition} m0 M0 U${hex(diskUsed(v))} W${hex(v.id)} C${hex(v.created)} D${hex(v.created)} B0 A0\n`);
  return parts.join('') + vols.join('');
}

export function purge(rt: ServerRuntime, req: RpcRequest): RpcResponse {
  const v = rt.findVolume(Number(req.volumeId));
  if (!v || v.name !== String(req.name)) return { rc: VNOVOL };
  rt.state.volumes = rt.state.volumes.filter((x) => x !== v);
  rt.commit();
  return { rc: 0 };
}

export function dumpTo(path: string, text: string): RpcResponse {
  if (existsSync(path)) return { rc: VFAIL };
  try {
    writeFileSync(path, text, { flag: 'wx' });
    return { rc: 0 };
  } catch {
    return { rc: VFAIL };
  }
}

export const CODES = { VNOVNODE, VNOVOL, VFAIL, EINVAL };
