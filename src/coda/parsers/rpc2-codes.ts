// What the numbers in "… failed with Unknown RPC2 return code N" mean (REFERENCE §7.1: RPC2 >= 2007 puts Coda's
// own codes at 500 + n; plain errnos keep their Linux value), and how RPC2's own errors read.

export interface ReturnCode {
  code: number;
  name: string;
  meaning: string;
}

const CODES: Record<number, [string, string]> = {
  602: ['VNOVNODE', 'no such vnode (makevldb: no entries, or the input file cannot be read)'],
  603: ['VNOVOL', 'no such volume (or create_rep failed on the server: e.g. partition not in vicetab or its path too long)'],
  604: ['VVOLEXISTS', 'volume already exists'],
  699: ['EINCONS', 'inconsistency'],
  700: ['VFAIL', 'the server refused (e.g. makevrdb: a bad VRList line; dumpvrdb: the output file exists)'],
  22: ['EINVAL', 'invalid argument (e.g. setlogparms without reson 0|4, or a log size not a multiple of 32)'],
  6: ['ENXIO', 'no such device or address'],
  // Coda < 6.9 with RPC2 before 2007 used 100 + n.
  202: ['VNOVNODE', 'no such vnode (old RPC2 numbering)'],
  203: ['VNOVOL', 'no such volume (old RPC2 numbering)'],
  204: ['VVOLEXISTS', 'volume already exists (old RPC2 numbering)'],
  200: ['VFAIL', 'the server refused (old RPC2 numbering)'],
};

export function explainReturnCode(code: number): ReturnCode {
  const known = CODES[code];
  return known ? { code, name: known[0], meaning: known[1] } : { code, name: `code ${code}`, meaning: 'not a code codaplay knows' };
}

const RPC2_MEANINGS: Record<string, string> = {
  RPC2_NOBINDING: 'the server is not running or not accepting connections yet (wait for "File Server started")',
  RPC2_TIMEOUT: 'the server did not answer in time',
  RPC2_DEAD: 'the connection died',
  RPC2_NOCONNECTION: 'no connection (e.g. a volutil.tk that does not match the server\'s)',
  RPC2_FAIL: 'RPC2 failure',
  RPC2_NOTAUTHENTICATED: 'authentication failed',
};

export interface Rpc2Error {
  /** The text after "failed with", e.g. `RPC2_NOBINDING (F)` or `Unknown RPC2 return code 603`. */
  text: string;
  /** Set for `Unknown RPC2 return code N`. */
  code?: ReturnCode;
  /** Set for RPC2's own errors, e.g. `RPC2_NOBINDING`. */
  rpc2?: string;
  meaning: string;
}

/** Reads the part after "failed with " (a trailing '.' as getvolinfo prints it is dropped). */
export function readRpc2Error(text: string): Rpc2Error {
  const t = text.trim().replace(/\.$/, '');
  const unknown = /^Unknown RPC2 return code (-?\d+)$/.exec(t);
  if (unknown) {
    const code = explainReturnCode(Number(unknown[1]));
    return { text: t, code, meaning: `${code.name}: ${code.meaning}` };
  }
  const rpc2 = /^(RPC2_[A-Z_]+)/.exec(t);
  if (rpc2) return { text: t, rpc2: rpc2[1]!, meaning: RPC2_MEANINGS[rpc2[1]!] ?? 'RPC2 error' };
  return { text: t, meaning: t };
}
