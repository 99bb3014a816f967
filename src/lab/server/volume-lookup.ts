// `volutil lookup` and `volutil info` on the server side (coda-src/volutil/vol-lookup.cc, vol-info.cc; OBSERVED,
// corrections). lookup answers from the VLDB and, for a name it cannot find, logs the error and still succeeds
// (the client prints nothing and exits 0). info prints the volume header of a local volume and, with resolution
// on, the recoverable log and resolution statistics (abridged here: their first lines).
import type { RpcResponse } from '../core/rpc.js';
import type { ServerRuntime } from './runtime.js';
import type { ServerVolume } from './rvm-state.js';
import { diskUsed } from './volume-ops.js';
import { lookupVldb } from './vldb.js';

const hex8 = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');
const VOLTYPES = { W: 'read/write', R: 'read-only', B: 'backup', N: 'non-replicated' } as const;
const EINVAL = 22;

export function lookupVolume(rt: ServerRuntime, vol: string): RpcResponse {
  // sscanf("%lX") first: an id of a volume on this server stands for its name.
  const asHex = /^[0-9a-f]+/i.exec(vol);
  const local = asHex ? rt.findVolume(parseInt(asHex[0], 16)) : undefined;
  const entry = lookupVldb(rt.vldb, local?.name ?? vol);
  if (!entry) {
    rt.log(`SVolLookup: error code 603 returned for volume "${vol}"`);
    return { rc: 0, text: '' };
  }
  const server = rt.serversTable.get(entry.serverId)?.name ?? '';
  const text = `Info for vol "${vol}": volume id ${hex8(entry.id)}, ${VOLTYPES[entry.type]} volume\n`
    + `Associates:  ${VOLTYPES[entry.type]} volume ${hex8(entry.id)}\nOn servers: ${server}\n`;
  return { rc: 0, text };
}

function date(seconds: number): string {
  const d = new Date(seconds * 1000);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `(${String(d.getFullYear()).padStart(4, '0')}/${p(d.getMonth() + 1)}/${p(d.getDate())}.${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())})`;
}

function header(v: ServerVolume): string {
  const files = Object.values(v.objects).filter((o) => o.type === 'file').length;
  return [
    `Volume header for volume ${hex8(v.id)} (${v.name})`,
    'stamp.magic = 78a1b2c5, stamp.version = 1',
    `partition = (${v.partition})`,
    'inUse = 1, inService = 1, blessed = 1, needsSalvaged = 0, dontSalvage = 0',
    `type = 0 (read/write), uniquifier = ${Object.keys(v.objects).length + 1}, needsCallback = 0, destroyMe = 0`,
    `id = ${hex8(v.id)}, parentId = ${hex8(v.id)}, cloneId = 00000000, backupId = 00000000, restoredFromId = 00000000`,
    `maxquota = 0, minquota = 0, maxfiles = 0, filecount = ${files}, diskused = ${diskUsed(v)}`,
    `creationDate = ${date(v.created)}, copyDate = ${date(v.created)}`,
    `backupDate = ${date(0)}, expirationDate = ${date(0)}`,
    `accessDate = ${date(v.created)}, updateDate = ${date(v.created)}`,
    'owner = 0, accountNumber = 0',
    `dayUse = 0; week = (0, 0, 0, 0, 0, 0, 0), dayUseDate = ${date(0)}`,
    ...(v.groupId ? [`replicated groupId = ${hex8(v.groupId)}`, '[ 0 0 0 0 0 0 0 0 ] [ 0.0 ] [ 0 ]'] : []),
  ].join('\n') + '\n';
}

function resolutionBlocks(v: ServerVolume): string {
  return `Recoverable volume log \nversion: 1 on stack\nadm_limit ${v.logSize} size 0 used 0\nrec_max_seqno 0 current_seq_no 0\n`
    + `Res. stats for volume 0x${v.id.toString(16)}:\n`
    + 'File Stats: 0 Nresolves, 0 Succ, 0 Conf, 0 runtforces, 0 WeakEq, 0 Reg FR, 0 user resolves, 0 successful user resolves, 0 IncompleteVSG\n'
    + 'Dir Stats: 0 res, 0 succ, 0 conf, 0 nowork, 0 problems, 0 IncompleteVSG\n'
    + 'Conflict stats: 0 N/N, 0 R/U, 0 U/U, 0 M/U, 0 Wrap, 0 other\n';
}

export function volumeInfo(rt: ServerRuntime, key: string): RpcResponse {
  // VOL_Locate: a name, else a hex id.
  const v = rt.findVolume(key) ?? (/^[0-9a-f]{1,8}$/i.test(key) ? rt.findVolume(parseInt(key, 16)) : undefined);
  if (!v) {
    rt.log(`Info: Invalid name or volid ${key}!`);
    return { rc: EINVAL };
  }
  const resolution = rt.conf.get('resolution') !== '0' && v.resOn !== 0;
  return { rc: 0, text: header(v) + (resolution ? resolutionBlocks(v) : '') };
}
