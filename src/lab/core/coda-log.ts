// Coda's log line format (util/util.c LogMsg/PrintTimeStamp, REFERENCE §7.7): every line `HH:MM:SS msg`;
// the first write of a day per file is preceded by `\nDate: Www MM/DD/YYYY\n\n`; printf-only lines have no stamp.
import { appendFileSync, readFileSync, statSync } from 'node:fs';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export function timeStamp(d = new Date()): string {
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function dateLine(d = new Date()): string {
  return `Date: ${DAYS[d.getDay()]} ${pad(d.getMonth() + 1)}/${pad(d.getDate())}/${d.getFullYear()}`;
}

/** C's ctime() without the trailing newline: `Tue Nov 24 01:55:29 2026`. */
export function ctime(d = new Date()): string {
  return `${DAYS[d.getDay()]} ${MONTHS[d.getMonth()]} ${String(d.getDate()).padStart(2, ' ')} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${d.getFullYear()}`;
}

/**
 * What this process last saw of each log it wrote: the file (inode, size after our append) and the day it knows a
 * Date: header for. Reading the whole log to look for today's header made every line cost the log's size: a
 * busy codasrv (50 clients walking 1,000 volumes: a Resolve logged per object) spent 90 % of its time there.
 * Anyone else's write (another tool appending, startserver rotating) changes the inode or size: read again.
 */
const known = new Map<string, { ino: number; size: number; date: string }>();

function hasHeader(file: string, date: string): boolean {
  let st: { ino: number; size: number } | undefined;
  try { st = statSync(file); } catch { return false; }
  const k = known.get(file);
  if (k && k.ino === st.ino && k.size === st.size && k.date === date) return true;
  let existing = '';
  try { existing = readFileSync(file, 'utf8'); } catch { existing = ''; }
  return existing.includes(date);
}

/** Append a timestamped message (LogMsg). Adds the Date: header when the file has none for today yet. */
export function logMsg(file: string, message: string, now = new Date()): void {
  const date = dateLine(now);
  const header = hasHeader(file, date) ? '' : `\n${date}\n\n`;
  appendFileSync(file, `${header}${timeStamp(now)} ${message}\n`);
  try { const st = statSync(file); known.set(file, { ino: st.ino, size: st.size, date }); } catch { known.delete(file); }
}

/** Append a printf-only line (no timestamp), e.g. `Partition /vicepa: inodes in use: 0, total: 262144.` */
export function logPlain(file: string, line: string): void {
  const k = known.get(file);
  let before: { ino: number; size: number } | undefined;
  try { before = statSync(file); } catch { before = undefined; }
  appendFileSync(file, `${line}\n`);
  // Still the file this process knows: it stays known (its Date: header has not gone anywhere).
  if (k && before && k.ino === before.ino && k.size === before.size) known.set(file, { ...k, size: before.size + Buffer.byteLength(`${line}\n`) });
}
