// Coda's log line format (util/util.c LogMsg/PrintTimeStamp, REFERENCE §7.7): every line `HH:MM:SS msg`;
// the first write of a day per file is preceded by `\nDate: Www MM/DD/YYYY\n\n`; printf-only lines have no stamp.
import { appendFileSync, readFileSync } from 'node:fs';

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

/** Append a timestamped message (LogMsg). Adds the Date: header when the file has none for today yet. */
export function logMsg(file: string, message: string, now = new Date()): void {
  let existing = '';
  try {
    existing = readFileSync(file, 'utf8');
  } catch {
    existing = '';
  }
  const header = existing.includes(dateLine(now)) ? '' : `\n${dateLine(now)}\n\n`;
  appendFileSync(file, `${header}${timeStamp(now)} ${message}\n`);
}

/** Append a printf-only line (no timestamp), e.g. `Partition /vicepa: inodes in use: 0, total: 262144.` */
export function logPlain(file: string, line: string): void {
  appendFileSync(file, `${line}\n`);
}
