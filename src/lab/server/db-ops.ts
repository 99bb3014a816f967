// Database operations of the simulated codasrv: makevrdb, dumpvrdb, makevldb, updatedb and ViceGetVolumeInfo
// (REFERENCE §3, §4, §7.2, §7.6). Paths given to makevrdb/makevldb/dumpvrdb are opened on this server.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RpcRequest, RpcResponse } from '../core/rpc.js';
import { logPlain } from '../core/coda-log.js';
import type { ServerRuntime, VrdbEntry } from './runtime.js';
import { dumpVRList, parseVRList, writeVrdb } from './vrdb.js';
import { lookupVldb, parseVolumeList, writeVldb } from './vldb.js';
import { CODES, dumpTo } from './volume-ops.js';

export function makeVrdb(rt: ServerRuntime, req: RpcRequest): RpcResponse {
  const path = String(req.path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    rt.log(`S_VolMakeVRDB: unable to open file ${path}`);
    return { rc: CODES.VFAIL };
  }
  const parsed = parseVRList(text);
  if ('badLine' in parsed) {
    rt.log(`Bad input line(${parsed.badLine}): ${parsed.text}`);
    rt.log('makevrdb aborted');
    return { rc: CODES.VFAIL };
  }
  writeVrdb(join(rt.vicedir, 'db', 'VRDB'), parsed.entries);
  rt.reloadDatabases();
  rt.log(`VRDB created, ${parsed.entries.length} entries`);
  return { rc: 0 };
}

export function dumpVrdb(rt: ServerRuntime, req: RpcRequest): RpcResponse {
  return dumpTo(String(req.path), dumpVRList(rt.vrdb));
}

export function makeVldb(rt: ServerRuntime, req: RpcRequest): RpcResponse {
  let text: string;
  try {
    text = readFileSync(String(req.path), 'utf8');
  } catch {
    return { rc: CODES.VNOVNODE };
  }
  const entries = parseVolumeList(text);
  if (entries.length === 0) {
    logPlain(rt.srvLogPath, 'makevldb:  no data base entries found in input file; aborted');
    return { rc: CODES.VNOVNODE };
  }
  writeVldb(join(rt.vicedir, 'db', 'VLDB'), entries);
  rt.reloadDatabases();
  const count = (t: string): number => entries.filter((e) => e.type === t).length * 2;
  logPlain(rt.srvLogPath, `VLDB created.  Search lengths: RO ${count('R')}, RW ${count('W')}, BK ${count('B')}, NR ${count('N')}.`);
  return { rc: 0 };
}

export function updateDb(rt: ServerRuntime): RpcResponse {
  rt.reloadDatabases();
  rt.log('New Data Base received');
  return { rc: 0 };
}

interface VolumeInfoReply {
  name: string;
  volumeId: number;
  type: number;
  typeIds: number[];
  serverCount: number;
  replicas: { id: number; ip: string }[];
}

function replicaAnswer(rt: ServerRuntime, e: VrdbEntry, asked: string): VolumeInfoReply {
  const replicas = e.replicas.map((id, slot) => (slot < e.count ? { id, ip: rt.serversTable.get(id >>> 24)?.ip ?? '0.0.0.0' } : { id: 0, ip: '0.0.0.0' }));
  return { name: asked, volumeId: e.groupId, type: 3, typeIds: [0, 0, 0, e.groupId, 0], serverCount: e.count, replicas };
}

/** ViceGetVolumeInfo: VRDB by name, VRDB by strtol(arg, 0, 0), then the VLDB by the literal key. */
export function getVolumeInfo(rt: ServerRuntime, req: RpcRequest): RpcResponse {
  const asked = String(req.volume ?? '');
  let key = asked;
  if (key === '' || key === '/') {
    try {
      key = readFileSync(join(rt.vicedir, 'db', 'ROOTVOLUME'), 'utf8').trim() || '/';
    } catch {
      key = '/';
    }
  }
  const byName = rt.vrdb.find((e) => e.name === key);
  if (byName) return { rc: 0, info: replicaAnswer(rt, byName, asked) };
  // The id is read with strtol base 0 (OBSERVED, corrections): decimal, 0x-hex or 0-octal; bare hex is a name.
  const m = /^\s*(0x[0-9a-f]+|0[0-7]*|[1-9]\d*)\s*$/i.exec(key);
  const num = !m ? NaN : /^0x/i.test(m[1]!) ? parseInt(m[1]!, 16) : /^0\d/.test(m[1]!) ? parseInt(m[1]!, 8) : Number(m[1]);
  const byId = rt.vrdb.find((e) => e.groupId === num);
  if (byId) return { rc: 0, info: replicaAnswer(rt, byId, asked) };
  const v = lookupVldb(rt.vldb, key);
  if (v) {
    const group = rt.vrdb.find((e) => e.replicas.slice(0, e.count).includes(v.id));
    const type = { W: 0, R: 1, B: 2, N: 4 }[v.type];
    const typeIds = [0, 0, 0, group?.groupId ?? 0, 0];
    typeIds[type === 4 ? 4 : type] = v.id;
    const replicas = Array.from({ length: 8 }, (_, i) => (i === 0 ? { id: 0, ip: rt.serversTable.get(v.serverId)?.ip ?? '0.0.0.0' } : { id: 0, ip: '0.0.0.0' }));
    return { rc: 0, info: { name: asked, volumeId: v.id, type, typeIds, serverCount: 1, replicas } satisfies VolumeInfoReply };
  }
  rt.log(`VLDB_Lookup: cannot find "${key}"`);
  return { rc: CODES.VNOVOL };
}
