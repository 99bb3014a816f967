// Simulated updatefetch (coda-src/update/updatefetch.cc): `updatefetch -h <scm> -r <remote> -l <local>`, one
// file, now. Its messages are LogMsg lines on stdout (a `Date:` header first, a timestamp, and an extra newline
// where the format has one); only the final "<argv0> failed with …" goes to stderr. The exit status is the
// fetch's error code (13 for a file the SCM refuses), 1 for usage and bind failures (OBSERVED, corrections).
import { rmSync, writeFileSync } from 'node:fs';
import { DOWN_COST_SECONDS, ANSWERED_CALL_SECONDS } from '../../core/down-costs.js';
import { loadHostEnv } from '../../core/host-env.js';
import { dateLine, timeStamp } from '../../core/coda-log.js';
import { labSleep, labSleepFromCallStart } from '../../core/lab-time.js';
import { fetchFromScm } from '../update-client.js';
import { readToken, vicedirOf } from '../tool-common.js';

/** LogMsg to stdout: PrintTimeStamp prints the date header on a process's first message. */
function makeLog(): (msg: string) => void {
  let first = true;
  return (msg) => {
    const now = new Date();
    process.stdout.write(`${first ? `\n${dateLine(now)}\n\n` : ''}${timeStamp(now)} ${msg}\n`);
    first = false;
  };
}

const ERRNO_TEXT: Record<number, string> = { 2: 'No such file or directory', 13: 'Permission denied' };

export async function main(argv: string[]): Promise<number> {
  const env = loadHostEnv();
  const log = makeLog();
  const opts: Record<string, string | undefined> = {};
  for (let i = 0; i < argv.length; i++) {
    if (!['-d', '-h', '-r', '-l', '-port'].includes(argv[i]!)) opts.bad = argv[i];
    else opts[argv[i]!] = argv[++i];
  }
  if (opts.bad !== undefined || !opts['-h'] || !opts['-r'] || !opts['-l']) {
    log('usage: updatefetch -h serverhostname');
    log('-r remotefile -l localfile');
    log(' [-d debuglevel]  [-port serverport]\n');
    return 1;
  }
  const local = opts['-l'];
  const r = await fetchFromScm(env, opts['-h'], readToken(vicedirOf(env), 'update.tk') ?? '', opts['-r'], local);
  // An updatesrv that answered (whatever it said) cost what a real call costs.
  if (r.ok || r.why === 'denied' || r.why === 'missing' || r.why === 'unauthenticated') await labSleepFromCallStart(env.lab, ANSWERED_CALL_SECONDS);
  if (r.ok) return 0;
  if (r.why === 'unresolvable' || r.why === 'unreachable' || r.why === 'unauthenticated') {
    if (r.why === 'unreachable') await labSleep(env.lab, DOWN_COST_SECONDS.updatefetch);
    log(`Bind failed with ${r.why === 'unauthenticated' ? 'RPC2_NOTAUTHENTICATED (F)' : 'RPC2_NOBINDING (F)'}\n`);
    return 1;
  }
  // The local file was opened for writing (truncated) before the fetch, and is unlinked when it fails.
  writeFileSync(local, '');
  rmSync(local, { force: true });
  const code = r.why === 'denied' ? 13 : 2;
  log(`Fetch failed with ${ERRNO_TEXT[code]}\n`);
  process.stderr.write(`updatefetch failed with ${ERRNO_TEXT[code]}\n`);
  return code;
}
