// Which request goes where in the simulated codasrv. Admin requests (volutil) need the volutil token.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RPC2_ERRORS, type RpcRequest, type RpcResponse } from '../core/rpc.js';
import { dumpVrdb, getVolumeInfo, makeVldb, makeVrdb, updateDb } from './db-ops.js';
import { handleFileServiceOp } from './file-service.js';
import type { ServerRuntime } from './runtime.js';
import { createRep, purge, setLogParms, volumeList } from './volume-ops.js';
import { lookupVolume, volumeInfo } from './volume-lookup.js';
import { onVolutilWorker } from './volutil-workers.js';

const ADMIN = new Set(['CreateRep', 'SetLogParms', 'MakeVRDB', 'MakeVLDB', 'DumpVRDB', 'GetVolumeList', 'Info', 'Lookup', 'UpdateDB', 'Shutdown', 'GetMaxVol', 'SetMaxVol', 'Purge', 'SwapLog']);

function tokenOk(rt: ServerRuntime, token: unknown): boolean {
  try {
    return readFileSync(join(rt.vicedir, 'db', 'volutil.tk'), 'utf8').trim() === String(token ?? '').trim();
  } catch {
    return false;
  }
}

export async function dispatch(rt: ServerRuntime, req: RpcRequest): Promise<RpcResponse> {
  if (!ADMIN.has(req.op)) return serve(rt, req);
  if (!tokenOk(rt, req.token)) return { rc: RPC2_ERRORS.NOTAUTHENTICATED };
  return onVolutilWorker(rt, req, () => serve(rt, req));
}

async function serve(rt: ServerRuntime, req: RpcRequest): Promise<RpcResponse> {
  switch (req.op) {
    case 'Ping': return { rc: 0 };
    case 'GetVolumeInfo': return getVolumeInfo(rt, req);
    case 'CreateRep': return createRep(rt, req);
    case 'SetLogParms': return setLogParms(rt, req);
    case 'MakeVRDB': return makeVrdb(rt, req);
    case 'MakeVLDB': return makeVldb(rt, req);
    case 'DumpVRDB': return dumpVrdb(rt, req);
    case 'GetVolumeList': return { rc: 0, text: volumeList(rt) };
    case 'Info': return volumeInfo(rt, String(req.volume));
    case 'Lookup': return lookupVolume(rt, String(req.volume));
    case 'UpdateDB': return updateDb(rt);
    case 'Shutdown': return { rc: 0 };
    case 'GetMaxVol': return { rc: 0, maxVolId: rt.state.maxVolId };
    case 'SetMaxVol': {
      const want = Number(req.maxVolId);
      if (want >>> 24 !== rt.state.maxVolId >>> 24 || want < rt.state.maxVolId) return { rc: -1 };
      rt.state.maxVolId = want;
      rt.commit();
      return { rc: 0 };
    }
    case 'Purge': return purge(rt, req);
    case 'SwapLog': return { rc: 0 };
    default: {
      const answer = await handleFileServiceOp(rt, req);
      return answer ?? { rc: 700, error: `unknown op ${req.op}` };
    }
  }
}
