// /vice/db/VRList (REFERENCE §3), lossless. A line is what makevrdb's sscanf("%s %x %d %x×9") reads: name, group
// id (hex), replica count (decimal), up to 8 replica ids (hex, padded or not), an ignored 12th field. makevrdb
// aborts the whole file on a line with fewer than 3 items (blank and comment lines included) or a name of 32+
// characters: those are errors here, with the line number. Other oddities are warnings.
import { MAX_VOLUME_NAME_LENGTH, formatVolumeId, isGroupId, serverIdOfVolume } from '../ids.js';
import { type Edit, type Outcome, type ParseIssue, fail, ok } from './issues.js';
import { joinFields, joinLines, splitFields, splitLines, type Line } from './lines.js';
import { scanDecimal, scanHex } from './scan.js';

export const MAX_REPLICAS = 8;

export interface VRListEntry {
  line: number;
  name: string;
  groupId: number;
  count: number;
  /** Always 8 slots; slots not written on the line are 0. */
  slots: number[];
  /** Whitespace-separated fields on the line (3-12 normally; 11 from createvol_rep, 12 from dumpvrdb). */
  fieldCount: number;
  /** The ignored 12th field as written (`0`, or an old VSG address), if any. */
  extra?: string;
}

export interface VRListDoc {
  lines: Line[];
  entries: VRListEntry[];
  issues: ParseIssue[];
}

export function parseVRList(text: string): VRListDoc {
  const lines = splitLines(text);
  const entries: VRListEntry[] = [];
  const issues: ParseIssue[] = [];
  lines.forEach((l, i) => {
    const entry = readLine(l.text, i + 1, issues);
    if (entry) entries.push(entry);
  });
  checkDuplicates(entries, issues);
  issues.sort((a, b) => a.line - b.line);
  return { lines, entries, issues };
}

export function serializeVRList(doc: VRListDoc): string {
  return joinLines(doc.lines);
}

function readLine(text: string, line: number, issues: ParseIssue[]): VRListEntry | undefined {
  const err = (message: string): undefined => { issues.push({ line, severity: 'error', message }); return undefined; };
  const warn = (message: string): void => { issues.push({ line, severity: 'warning', message }); };
  const { fields } = splitFields(text);
  if (fields.length === 0) return err('blank line: makevrdb aborts on it ("Bad input line")');
  const values: number[] = [];
  for (let i = 1; i < Math.min(fields.length, 12); i++) {
    const scanned = i === 2 ? scanDecimal(fields[i]!, false) : scanHex(fields[i]!);
    if (!scanned) {
      if (i + 1 > 3) warn(`field ${i + 1} "${fields[i]}" is not a number: makevrdb stops reading the line there`);
      break;
    }
    if (scanned.rest !== '') warn(`field ${i + 1} "${fields[i]}" has trailing characters that makevrdb misreads`);
    values.push(scanned.value);
  }
  const name = fields[0]!;
  if (values.length < 2) return err(`fewer than 3 fields${name.startsWith('#') ? ' (VRList has no comments)' : ''}: makevrdb aborts on it ("Bad input line")`);
  if (name.length > MAX_VOLUME_NAME_LENGTH) return err(`volume name "${name}" has ${name.length} characters (32 or more): makevrdb aborts on it`);
  if (name.startsWith('#')) warn(`"${name}" looks like a comment but makevrdb reads it as a volume name`);
  if (fields.length > 12) warn(`${fields.length} fields: makevrdb ignores everything after the 12th`);
  const [groupId, count, ...ids] = values as [number, number, ...number[]];
  const slots = [...ids.slice(0, MAX_REPLICAS)];
  while (slots.length < MAX_REPLICAS) slots.push(0);
  const entry: VRListEntry = { line, name, groupId, count, slots, fieldCount: fields.length };
  if (fields.length >= 12) entry.extra = fields[11]!;
  if (!isGroupId(groupId)) warn(`group id ${formatVolumeId(groupId)} does not start with 7f`);
  if (count < 0 || count > MAX_REPLICAS) err(`replica count ${count} is outside 0-${MAX_REPLICAS}`);
  else if (count > ids.length) err(`replica count ${count} but only ${ids.length} replica id(s) on the line (Coda 8.1+ asserts on reload)`);
  else if (!slotsAgree(entry)) warn(`replica count ${count} disagrees with the non-zero slots (${describeSlots(entry.slots)})`);
  return entry;
}

function slotsAgree(e: VRListEntry): boolean {
  return e.slots.every((id, i) => (i < e.count ? id !== 0 : id === 0));
}

function describeSlots(slots: readonly number[]): string {
  return slots.map((id) => (id === 0 ? '0' : formatVolumeId(id))).join(' ');
}

function checkDuplicates(entries: readonly VRListEntry[], issues: ParseIssue[]): void {
  const names = new Map<string, number>();
  const groups = new Map<number, number>();
  for (const e of entries) {
    const n = names.get(e.name);
    if (n !== undefined) issues.push({ line: e.line, severity: 'warning', message: `volume ${e.name} is listed again (first on line ${n})` });
    else names.set(e.name, e.line);
    const g = groups.get(e.groupId);
    if (g !== undefined) issues.push({ line: e.line, severity: 'warning', message: `group id ${formatVolumeId(e.groupId)} is listed again (first on line ${g})` });
    else groups.set(e.groupId, e.line);
  }
}

/** A volume by name (exact, as VRDB's strcmp) or by group id. */
export function findVolume(doc: VRListDoc, nameOrGroupId: string | number): VRListEntry | undefined {
  return typeof nameOrGroupId === 'number'
    ? doc.entries.find((e) => e.groupId === nameOrGroupId >>> 0)
    : doc.entries.find((e) => e.name === nameOrGroupId);
}

/** The replica ids in use: slots 0 … count-1. */
export function replicasOf(entry: VRListEntry): number[] {
  return entry.slots.slice(0, Math.max(0, Math.min(entry.count, MAX_REPLICAS)));
}

/**
 * Puts `replicaId` into slot `count` of the volume's line and adds one to the count; nothing else on the line
 * changes (separators, field count, padding width of its ids, the 12th field). Idempotent: an id already in a
 * used slot gives changed=false, "already present in slot N". Refused: an unknown volume, a line with any issue,
 * 8 replicas already, a count that disagrees with the slots, a group id as replica id, a second replica on a server.
 */
export function addReplicaToLine(doc: VRListDoc, volumeName: string, replicaId: number): Outcome<Edit<VRListDoc>> {
  const entry = findVolume(doc, volumeName);
  if (!entry) return fail(`volume ${volumeName} is not in VRList`);
  const idText = formatVolumeId(replicaId);
  const lineIssues = doc.issues.filter((i) => i.line === entry.line);
  if (lineIssues.length) return fail(`line ${entry.line} (${volumeName}) is not safe to edit: ${lineIssues.map((i) => i.message).join('; ')}`, entry.line);
  const at = entry.slots.indexOf(replicaId >>> 0);
  if (replicaId !== 0 && at >= 0 && at < entry.count) return ok({ doc, changed: false, reason: `${idText} is already present in slot ${at} of ${volumeName}` });
  if (replicaId === 0 || isGroupId(replicaId)) return fail(`${idText} is not a replica id`);
  if (entry.count >= MAX_REPLICAS) return fail(`volume ${volumeName} already has ${entry.count} replicas (the most Coda allows is ${MAX_REPLICAS})`, entry.line);
  const server = serverIdOfVolume(replicaId);
  const sameServer = replicasOf(entry).findIndex((id) => serverIdOfVolume(id) === server);
  if (sameServer >= 0) return fail(`server ${server} already holds replica ${formatVolumeId(entry.slots[sameServer]!)} of ${volumeName} in slot ${sameServer}`, entry.line);
  const line = doc.lines[entry.line - 1]!;
  const lines = doc.lines.slice();
  lines[entry.line - 1] = { ...line, text: editLine(line.text, entry.count, replicaId) };
  // Only this line changed (its name and group id did not, so neither did the duplicate checks): read it again
  // rather than the whole file, which made filling 1,000 volumes' slots quadratic (~5 s of parsing).
  const lineIssues2: ParseIssue[] = [];
  const reread = readLine(lines[entry.line - 1]!.text, entry.line, lineIssues2);
  if (!reread) return fail(`line ${entry.line} (${volumeName}) does not read back after the edit`, entry.line);
  const next: VRListDoc = { lines, entries: doc.entries.map((e) => (e === entry ? reread : e)), issues: [...doc.issues, ...lineIssues2].sort((a, b) => a.line - b.line) };
  return ok({ doc: next, changed: true, reason: `${volumeName}: slot ${entry.count} = ${idText}, count ${entry.count} -> ${entry.count + 1} (line ${entry.line})` });
}

function editLine(text: string, count: number, replicaId: number): string {
  const f = splitFields(text);
  const fields = f.fields.slice();
  const seps = f.seps.slice();
  fields[2] = String(count + 1);
  const slotField = 3 + count;
  const formatted = idStyleIsPadded(fields.slice(3, 11)) ? formatVolumeId(replicaId) : (replicaId >>> 0).toString(16);
  if (slotField < fields.length) fields[slotField] = formatted;
  else {
    seps.push(seps.at(-1) ?? ' ');
    fields.push(formatted);
  }
  return joinFields({ ...f, fields, seps });
}

/** A line's ids are padded when any is written with 8 digits and a leading 0 (or zero slots as 00000000). */
function idStyleIsPadded(slotFields: readonly string[]): boolean {
  if (slotFields.some((s) => /^0[0-9a-fA-F]{7}$/.test(s))) return true;
  if (slotFields.some((s) => /^[1-9a-fA-F][0-9a-fA-F]{0,6}$/.test(s))) return false;
  return true;
}

/** A new line the way createvol_rep appends one: 11 fields, ids %08x, unused slots `0`. */
export function formatVRListLine(name: string, groupId: number, replicaIds: readonly number[]): string {
  const slots = replicaIds.map(formatVolumeId);
  while (slots.length < MAX_REPLICAS) slots.push('0');
  return [name, formatVolumeId(groupId), String(replicaIds.length), ...slots].join(' ');
}
