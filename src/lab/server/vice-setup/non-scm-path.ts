// vice-setup's non-SCM branch up to the common part: the SCM's name and update token, then updatefetch of the
// db files the server needs (`servers` first: failing that is "Could not contact SCM."). updatefetch's own
// stdout shows in the dialog, as on a real server; ROOTVOLUME is optional and its stderr is dropped.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scriptPath, type SetupContext } from './context.js';
import { writeSecret } from './setup-files.js';
import * as t from './texts.js';

const CRITICAL = ['auth2.pw', 'auth2.tk', 'auth2.lock', 'prot_users.cdb', 'volutil.tk', 'files'];

function updatefetch(c: SetupContext, scm: string, name: string, showStderr: boolean): boolean {
  const r = spawnSync('updatefetch', ['-h', scm, '-r', `db/${name}`, '-l', join(c.vicedir, 'db', name)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.stdout) c.io.say(r.stdout);
  if (showStderr && r.stderr) process.stderr.write(r.stderr);
  return r.status === 0;
}

/** The SCM's name, or null when the script exited 1. */
export async function askScmAndFetch(c: SetupContext): Promise<string | null> {
  const { io } = c;
  const db = join(c.vicedir, 'db');
  const scm = await io.askNonEmpty(t.ASK_SCM_NAME);
  writeFileSync(join(db, 'scm'), `${scm}\n`);
  writeSecret(join(db, 'update.tk'), await io.askNonEmpty(t.askUpdateToken(scm)));
  if (!updatefetch(c, scm, 'servers', true)) {
    io.say(t.NO_SCM);
    return null;
  }
  io.say(t.fetching(scm));
  for (const name of CRITICAL) {
    if (!updatefetch(c, scm, name, true)) {
      io.say(t.cannotFetch(name, scriptPath(c, 'vice-setup')));
      return null;
    }
  }
  updatefetch(c, scm, 'ROOTVOLUME', false);
  io.say('Done.\n');
  return scm;
}
