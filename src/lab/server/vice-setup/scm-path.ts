// vice-setup's SCM branch: tokens and the update file list (before the common part), then vice-setup-scm
// (servers, maxgroupid) and vice-setup-user (the administrator). 6.9.10's vice-setup-user does not parse, so a
// 6.x SCM stops there as the real one does (OBSERVED, corrections).
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scriptPath, type SetupContext } from './context.js';
import { EndOfInput } from './prompt-io.js';
import { writeSecret } from './setup-files.js';
import * as t from './texts.js';
import * as t6 from './texts-6.js';

export const SCM_FILES = ['auth2.pw', 'auth2.tk', 'auth2.tk.BAK', 'auth2.lock', 'files', 'prot_users.cdb', 'servers', 'scm', 'update.tk', 'volutil.tk', 'VLDB', 'VRDB', 'VRList', 'maxgroupid'];

export async function askTokens(c: SetupContext): Promise<void> {
  const db = join(c.vicedir, 'db');
  c.io.say(t.SCM_TOKENS);
  for (const [what, file] of [['update', 'update.tk'], ['auth2', 'auth2.tk'], ['volutil', 'volutil.tk']] as const) {
    writeSecret(join(db, file), await c.io.askNonEmpty(t.TOKEN_WARNING + t.ASK_TOKEN(what)));
  }
  c.io.say(t.TOKENS_DONE);
  writeFileSync(join(db, 'auth2.lock'), '', { flag: 'a' });
  writeFileSync(join(db, 'files'), `${SCM_FILES.join('\n')}\n`);
}

async function askUid(c: SetupContext): Promise<string> {
  for (;;) {
    c.io.say(t.ASK_UID);
    const line = await c.io.read();
    if (!line) {
      c.io.say('Nothing cannot be a Coda administrator\n');
      if (line === null) throw new EndOfInput();
    } else if (!/^\s*[-+]?\d+\s*$/.test(line)) c.io.say('UID should be an integer value\n');
    else if (line === '0' || line === '1') c.io.say('Choose a user ID other than 0 or 1\n');
    else return line;
  }
}

async function askUsername(c: SetupContext): Promise<string> {
  for (;;) {
    c.io.say(t.ASK_USERNAME);
    const line = await c.io.read();
    if (!line) {
      c.io.say('Nothing cannot be a Coda administrator\n');
      if (line === null) throw new EndOfInput();
    } else if (line === 'root' || line === 'system') c.io.say('Choose an administrator username other than root or system\n');
    else return line;
  }
}

/** vice-setup-scm then vice-setup-user; false = one of them exited non-zero. */
export async function setUpScmAndUser(c: SetupContext): Promise<boolean> {
  const db = join(c.vicedir, 'db');
  writeFileSync(join(db, 'maxgroupid'), '2130706432\n');
  c.io.say(t.SERVERS_FILE);
  const id = await c.io.askNonEmpty(t.askServerId(c.hostname));
  writeFileSync(join(db, 'servers'), `${c.hostname}\t\t${id}\n`, { flag: 'a' });
  c.io.say('done!\n');
  writeFileSync(join(db, 'scm'), `${c.hostname}\n`);
  c.io.say(t.USERS);
  if (c.v6) {
    process.stderr.write(t6.userSyntaxError(scriptPath(c, 'vice-setup-user')));
    return false;
  }
  const uid = (await askUid(c)).trim();
  const user = await askUsername(c);
  if (existsSync(join(db, 'prot_users.cdb'))) {
    c.io.say(`Going to reinitialize the protection databases\nmoving ${db}/prot_users.cdb to ${db}/prot_users.cdb.old\n`);
    renameSync(join(db, 'prot_users.cdb'), join(db, 'prot_users.cdb.old'));
  }
  // pdbtool and initpw print nothing on success; the lab's databases are text stand-ins.
  writeFileSync(join(db, 'prot_users.cdb'), `System:Administrators ${uid} ${user}\nSystem:AnyUser\n`);
  writeFileSync(join(db, 'auth2.pw'), `${uid}\tchangeme\tadmin user\n`, { mode: 0o600 });
  return true;
}
