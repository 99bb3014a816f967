// Simulated vice-setup: the same questions in the same order and the same text as the real script printed
// here (OBSERVED.md, Coda 8.1), answers read line by line from standard input, and the same files created.
// The non-SCM path fetches the SCM's db files with the update token (updatefetch), like the real one.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadHostEnv } from '../../core/host-env.js';
import { readFaults } from '../../core/faults.js';
import { logMsg } from '../../core/coda-log.js';
import { getHostname } from '../../core/name-service.js';
import { PromptIO } from '../vice-setup/prompt-io.js';
import { setUpRvmAndSrvdir } from '../vice-setup/rvm-and-srvdir.js';
import { makeViceTree, setServerConf, writeSecret } from '../vice-setup/setup-files.js';
import * as t from '../vice-setup/texts.js';
import { readFileSync, writeFileSync } from 'node:fs';

const NON_SCM_FETCH = ['auth2.pw', 'auth2.tk', 'auth2.lock', 'prot_users.cdb', 'volutil.tk', 'files', 'ROOTVOLUME'];
const SCM_FILES = 'auth2.pw\nauth2.tk\nauth2.tk.BAK\nauth2.lock\ndumplist\nfiles\nprot_users.cdb\nservers\nscm\nupdate.tk\nvolutil.tk\nVLDB\nVRDB\nVRList\nmaxgroupid\n';

function updatefetch(scm: string, vicedir: string, name: string): boolean {
  const r = spawnSync('updatefetch', ['-h', scm, '-r', `db/${name}`, '-l', join(vicedir, 'db', name)], { encoding: 'utf8' });
  return r.status === 0;
}

async function nonScm(io: PromptIO, vicedir: string, confDir: string, hostname: string): Promise<number> {
  const scm = await io.ask(t.ASK_SCM_NAME);
  writeFileSync(join(vicedir, 'db', 'scm'), `${scm}\n`);
  const token = await io.ask(t.askUpdateToken(scm));
  writeSecret(join(vicedir, 'db', 'update.tk'), token);
  io.say(t.fetching(scm));
  if (!updatefetch(scm, vicedir, 'servers')) {
    io.say('Could not contact SCM.\n');
    return 1;
  }
  const failures = NON_SCM_FETCH.filter((name) => !updatefetch(scm, vicedir, name));
  if (failures.length) {
    // The real script shows updatefetch's own log line for a file the SCM would not hand out.
    const log = join(vicedir, 'misc', 'vice-setup-fetch.log');
    for (let i = 0; i < failures.length; i++) logMsg(log, 'Fetch failed with Permission denied');
    io.say(`\n${readFileSync(log, 'utf8')}`);
  }
  io.say('\nDone.\n');
  const tunnel = await io.ask(t.ASK_TUNNEL);
  setServerConf(confDir, { codatunnel: /^y/i.test(tunnel) ? 1 : 0 });
  io.say(t.NON_SCM_INSTALL);
  const { error } = await setUpRvmAndSrvdir(io, confDir, vicedir, hostname);
  if (error) {
    io.say(`${error}\n`);
    return 1;
  }
  io.say(t.nonScmClosing(hostname, scm));
  return 0;
}

async function scmPath(io: PromptIO, vicedir: string, confDir: string, hostname: string): Promise<number> {
  const db = join(vicedir, 'db');
  io.say(t.SCM_TOKENS);
  for (const [what, file] of [['update', 'update.tk'], ['auth2', 'auth2.tk'], ['volutil', 'volutil.tk']] as const) {
    io.say(t.TOKEN_WARNING);
    writeSecret(join(db, file), await io.ask(t.ASK_TOKEN(what)));
  }
  writeFileSync(join(db, 'files'), SCM_FILES);
  writeFileSync(join(db, 'files.export'), `db\n${SCM_FILES.trim().split('\n').map((f) => `db/${f}`).join('\n')}\n`);
  io.say(t.TOKENS_DONE);
  const tunnel = await io.ask(t.ASK_TUNNEL);
  setServerConf(confDir, { codatunnel: /^y/i.test(tunnel) ? 1 : 0 });
  io.say(t.SCM_INSTALL);
  const id = await io.ask(t.askServerId(hostname));
  writeFileSync(join(db, 'servers'), `${hostname}\t\t${id}\n`);
  writeFileSync(join(db, 'scm'), `${hostname}\n`);
  writeFileSync(join(db, 'maxgroupid'), '2130706432\n');
  io.say(t.USERS);
  const uid = await io.ask(t.ASK_UID);
  const user = await io.ask(t.ASK_USERNAME);
  writeFileSync(join(db, 'prot_users.cdb'), `System:Administrators ${uid} ${user}\nSystem:AnyUser\n`);
  io.say('\n');
  const { partition, error } = await setUpRvmAndSrvdir(io, confDir, vicedir, hostname);
  if (error) {
    io.say(`${error}\n`);
    return 1;
  }
  io.say(t.SCM_CONGRATS);
  await io.ask(t.ASK_START);
  io.say(t.scmClosing(hostname, partition));
  return 0;
}

export async function main(): Promise<number> {
  const env = loadHostEnv();
  const hostname = getHostname(env.root);
  const io = new PromptIO();
  try {
    io.say(t.WELCOME);
    const vicedir = (await io.ask(t.ASK_VICEDIR)) || '/vice';
    makeViceTree(vicedir);
    setServerConf(env.confDir, { vicedir });
    io.say(t.vicedirDone(vicedir));
    const isScm = /^y/i.test(await io.ask(t.ASK_SCM));
    // Fault knob: a vice-setup of another version asking something the transcript does not.
    if (readFaults(env.lab.dir, env.host.short).viceSetupPromptDrift) await io.ask('Do you want to enable the experimental IPv6 support? (y/n) ');
    return isScm ? await scmPath(io, vicedir, env.confDir, hostname) : await nonScm(io, vicedir, env.confDir, hostname);
  } finally {
    io.close();
  }
}
