// `volutil getvolumelist` (REFERENCE §4.1, OBSERVED.md): `P<partition> H<host> T<total> F<free>` lines, then one
// line per volume `<T><name> I<id> H<serverid> P<partition> m M U W C D B A`, every number unpadded hex. The
// stderr lines volutil mixes in (bind, "finished successfully", failures) are recognised, anything else is an error.
import { type Outcome, fail, ok } from './issues.js';
import { type Rpc2Error, readRpc2Error } from './rpc2-codes.js';

export interface ListedPartition {
  line: number;
  partition: string;
  host: string;
  totalBlocks: number;
  freeBlocks: number;
}

/** W read-write or replica, R read-only, B backup, N non-replicated (HEAD; 6.9.5 prints ?). */
export type VolumeTypeLetter = 'W' | 'R' | 'B' | 'N' | '?';

export interface ListedVolume {
  line: number;
  type: VolumeTypeLetter;
  name: string;
  id: number;
  serverId: number;
  partition: string;
  minQuota: number;
  maxQuota: number;
  diskUsed: number;
  parentId: number;
  created: number;
  copyDate: number;
  backupDate: number;
  weekUse: number;
}

export interface VolumeList {
  partitions: ListedPartition[];
  volumes: ListedVolume[];
  /** Saw `GetVolumeList finished successfully` (only when stderr was passed in). */
  finished: boolean;
}

const PARTITION = /^P(\S+) H(\S+) T([0-9a-fA-F]+) F([0-9a-fA-F]+)$/;
const VOLUME = /^([WRBN?])(\S+) I([0-9a-fA-F]+) H([0-9a-fA-F]+) P(\S+) m([0-9a-fA-F]+) M([0-9a-fA-F]+) U([0-9a-fA-F]+) W([0-9a-fA-F]+) C([0-9a-fA-F]+) D([0-9a-fA-F]+) B([0-9a-fA-F]+) A([0-9a-fA-F]+)$/;
const FAILED = /^(?:RPC2_NewBinding to server \S+|GetVolumeList) failed with (.*)$/;

export interface VolumeListFailure {
  line: number;
  error: Rpc2Error;
}

/** The list, or a failure line volutil printed (`… failed with …`), or the first line that is neither. */
export function parseVolumeList(text: string): Outcome<VolumeList> {
  const out: VolumeList = { partitions: [], volumes: [], finished: false };
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const line = i + 1;
    if (l === '' || l.startsWith('V_BindToServer: ')) continue;
    if (l === 'GetVolumeList finished successfully') { out.finished = true; continue; }
    const failed = FAILED.exec(l);
    if (failed) return fail(`line ${line}: ${l} (${readRpc2Error(failed[1]!).meaning})`, line);
    const p = PARTITION.exec(l);
    if (p) { out.partitions.push({ line, partition: p[1]!, host: p[2]!, totalBlocks: hex(p[3]!), freeBlocks: hex(p[4]!) }); continue; }
    const v = VOLUME.exec(l);
    if (v) { out.volumes.push(toVolume(v, line)); continue; }
    return fail(`line ${line}: not a getvolumelist line: "${l}"`, line);
  }
  return ok(out);
}

function hex(s: string): number {
  return Number.parseInt(s, 16) >>> 0;
}

function toVolume(v: RegExpExecArray, line: number): ListedVolume {
  return {
    line,
    type: v[1] as VolumeTypeLetter,
    name: v[2]!,
    id: hex(v[3]!),
    serverId: hex(v[4]!),
    partition: v[5]!,
    minQuota: hex(v[6]!),
    maxQuota: hex(v[7]!),
    diskUsed: hex(v[8]!),
    parentId: hex(v[9]!),
    created: hex(v[10]!),
    copyDate: hex(v[11]!),
    backupDate: hex(v[12]!),
    weekUse: hex(v[13]!),
  };
}

export function findListedVolume(list: VolumeList, nameOrId: string | number): ListedVolume | undefined {
  return typeof nameOrId === 'number' ? list.volumes.find((v) => v.id === nameOrId >>> 0) : list.volumes.find((v) => v.name === nameOrId);
}

/** createvol_rep's clash check: `[WRB]<name>` or `[WRB]<name>.[0-7]` already on the server. */
export function volumesNamed(list: VolumeList, group: string): ListedVolume[] {
  return list.volumes.filter((v) => 'WRB'.includes(v.type) && (v.name === group || new RegExp(`^${escape(group)}\\.[0-7]$`).test(v.name)));
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
