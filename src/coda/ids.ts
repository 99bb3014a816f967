// Coda's identifiers (REFERENCE §1): server ids (decimal, 1–126 and 128–254), 32-bit volume ids whose top byte
// is the creating server's id, replicated (group) ids with top byte 0x7f, and volume names (< 32 characters).

export const RESERVED_SERVER_IDS: readonly number[] = [0, 127, 255];
/** N_SERVERIDS in vol/vldb.h: ids must be below this. */
export const SERVER_ID_LIMIT = 256;
/** V_MAXVOLNAMELEN is 32 including the NUL. */
export const MAX_VOLUME_NAME_LENGTH = 31;
/** createvol_rep keeps room for ".N". */
export const MAX_GROUP_NAME_LENGTH = 29;
export const GROUP_ID_PREFIX = 0x7f;
/** /vice/db/maxgroupid's first value, the first group id of a cell. */
export const FIRST_GROUP_ID = 0x7f000000;

/** Why codasrv would refuse this server id, or undefined when it is usable. */
export function checkServerId(id: number): string | undefined {
  if (!Number.isInteger(id) || id < 0) return `server id ${id} is not a non-negative integer`;
  if (id >= SERVER_ID_LIMIT) return `server id ${id} is bogus (must be below ${SERVER_ID_LIMIT}; usable 1-126 and 128-254)`;
  if (RESERVED_SERVER_IDS.includes(id)) return `server id ${id} is reserved (0, 127 and 255 are; usable 1-126 and 128-254)`;
  return undefined;
}

export function isUsableServerId(id: number): boolean {
  return checkServerId(id) === undefined;
}

/** Parses a server id the way the servers file holds it: plain decimal digits only. */
export function parseServerId(text: string): number | undefined {
  return /^[0-9]+$/.test(text) ? Number(text) : undefined;
}

/** The lowest usable id not in `used`, or undefined when all 252 are taken. */
export function lowestFreeServerId(used: Iterable<number>): number | undefined {
  const taken = new Set(used);
  for (let id = 1; id < SERVER_ID_LIMIT; id++) if (isUsableServerId(id) && !taken.has(id)) return id;
  return undefined;
}

/** A volume id in hex, padded (`01000001`, %08x) or not (`1000001`); an optional 0x is accepted like %x does. */
export function parseVolumeId(text: string): number | undefined {
  const m = /^(?:0[xX])?([0-9a-fA-F]{1,8})$/.exec(text);
  return m ? Number.parseInt(m[1]!, 16) >>> 0 : undefined;
}

/** %08x, the form volutil (6.0.15+) and dumpvrdb (6.0.14+) print. */
export function formatVolumeId(id: number): string {
  return (id >>> 0).toString(16).padStart(8, '0');
}

/** %x, unpadded: getvolumelist, getvolinfo's TypeN lines and old tools. */
export function formatVolumeIdUnpadded(id: number): string {
  return (id >>> 0).toString(16);
}

/** The decimal form getvolinfo and the VLDB want (`2130706433` for 7f000001): a hex id there fails with 603. */
export function volumeIdDecimal(id: number): string {
  return String(id >>> 0);
}

export function serverIdOfVolume(id: number): number {
  return id >>> 24;
}

export function isGroupId(id: number): boolean {
  return serverIdOfVolume(id) === GROUP_ID_PREFIX;
}

/** The first replica id a fresh server with this id hands out (MaxVolId = id<<24, then +1). */
export function firstVolumeIdOf(serverId: number): number {
  return ((serverId << 24) >>> 0) + 1;
}

/** Why Coda would not take this as a volume name, or undefined. */
export function checkVolumeName(name: string): string | undefined {
  if (name === '') return 'volume name is empty';
  if (/[\s]/.test(name)) return `volume name "${name}" contains whitespace`;
  if (name.length > MAX_VOLUME_NAME_LENGTH) return `volume name "${name}" is ${name.length} characters long (Coda allows at most ${MAX_VOLUME_NAME_LENGTH})`;
  if (/\.(backup|readonly|restored)$/.test(name)) return `volume name "${name}" ends in a suffix Coda strips (.backup, .readonly, .restored)`;
  return undefined;
}

/** Why `<group>.<slot>` would not be a usable replica name, or undefined. */
export function checkGroupName(name: string): string | undefined {
  const problem = checkVolumeName(name);
  if (problem) return problem;
  if (name.length > MAX_GROUP_NAME_LENGTH) return `volume name "${name}" is ${name.length} characters long (createvol_rep allows ${MAX_GROUP_NAME_LENGTH} so that ".N" fits)`;
  return undefined;
}

/** `<group>.<slot>`, the replica naming convention (slot = VRList slot, 0-7). */
export function replicaName(group: string, slot: number): string {
  return `${group}.${slot}`;
}

export function parseReplicaName(name: string): { group: string; slot: number } | undefined {
  const m = /^(.+)\.([0-7])$/.exec(name);
  return m ? { group: m[1]!, slot: Number(m[2]) } : undefined;
}
