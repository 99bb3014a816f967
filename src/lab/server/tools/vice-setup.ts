// Simulated vice-setup: the questions, loops and texts of Coda's vice-setup scripts byte for byte (8.1, or
// 6.9.10 for lab versions 6.x: texts-6.ts), answers read line by line from standard input, and the same files
// created. The non-SCM path fetches the SCM's db files with the update token (updatefetch), like the real one.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadHostEnv } from '../../core/host-env.js';
import { readFaults } from '../../core/faults.js';
import { getHostname } from '../../core/name-service.js';
import { scriptPath, type SetupContext } from '../vice-setup/context.js';
import { askScmAndFetch } from '../vice-setup/non-scm-path.js';
import { EndOfInput, PromptIO } from '../vice-setup/prompt-io.js';
import { setUpRvm } from '../vice-setup/rvm.js';
import { askTokens, SCM_FILES, setUpScmAndUser } from '../vice-setup/scm-path.js';
import { makeViceTree, setServerConf } from '../vice-setup/setup-files.js';
import { setUpSrvdir } from '../vice-setup/srvdir.js';
import * as t from '../vice-setup/texts.js';
import * as t6 from '../vice-setup/texts-6.js';

/** "Is there a server.conf? remove it" and, in 6.x, "create one?"; false = the script exited 1. */
async function confQuestions(c: SetupContext): Promise<boolean> {
  const conf = join(c.confDir, 'server.conf');
  if (existsSync(conf)) {
    c.io.say(c.v6 ? t6.confExists(conf) : t.confExists(conf));
    // 8.1 takes y/yes/n/no in any case; 6.9.10 only yes, YES, no and NO.
    for (;;) {
      if (!c.v6) {
        if (await c.io.askYesNo(t.ASK_CONTINUE)) break;
        c.io.say(t.NOT_CONFIGURING);
        return false;
      }
      c.io.say(t.ASK_CONTINUE);
      const line = await c.io.read();
      if (line === 'no' || line === 'NO') {
        c.io.say(t.NOT_CONFIGURING);
        return false;
      }
      if (line === 'yes' || line === 'YES') break;
      c.io.say('Please answer yes or no.\n');
      if (line === null) throw new EndOfInput();
    }
    rmSync(conf);
  }
  c.io.say(t.SETTING_UP_CONFIG);
  if (c.v6) c.noConf = !['', 'yes', 'y'].includes(await c.io.ask(t6.askCreateConf(conf)));
  return true;
}

/** What a real script would run when told to get things started (SCM, "Shall I try to get things started? y"). */
function startAll(c: SetupContext, partition: string): void {
  const run = (tool: string, args: string[] = []): number => spawnSync(tool, args, { stdio: ['ignore', 'inherit', 'inherit'] }).status ?? 1;
  c.io.say(' auth2        - Coda authentication server\n');
  run('auth2');
  c.io.say(' updatesrv    - Coda update server\n');
  run('updatesrv');
  c.io.say(' updateclnt   - Coda update client\n');
  run('updateclnt');
  c.io.say(' startserver  - Coda file server\n');
  if (run('startserver') !== 0) c.io.say('Failed to start the Coda server\n');
  c.io.say("\n\nNice, it looks like everything went ok\nNow I'll try to create an initial root volume\n");
  c.io.say(` createvol_rep / ${c.hostname}${partition}   - create initial root volume\n`);
  run('createvol_rep', ['/', `${c.hostname}${partition}`]);
  c.io.say(`\nThat seems to have worked...\nIf you have a working Coda client you should now be able to\naccess the new Coda realm\n - cfs lv /coda/${c.hostname}/\n\nenjoy Coda.\n for more information see http://www.coda.cs.cmu.edu.\n`);
}

async function driftQuestion(c: SetupContext, drift: boolean | number | undefined): Promise<void> {
  // Fault knob: a vice-setup of another version asking something its scripts do not.
  if (drift === 2) await c.io.askNonEmpty('Select the IPv6 mode for the server.\n[off, dual, only]: \n');
  else if (drift) await c.io.ask('Do you want to enable the experimental IPv6 support? (y/n) ');
}

async function dialog(c: SetupContext, drift: boolean | number | undefined): Promise<number> {
  const { io } = c;
  const self = scriptPath(c, 'vice-setup');
  io.say(t.WELCOME);
  if (!(await confQuestions(c))) return 1;
  // The default /vice is the simulated host's, never this machine's.
  c.vicedir = (await io.ask(t.ASK_VICEDIR)) || join(c.root, 'vice');
  if (!c.noConf) setServerConf(c.confDir, c.v6 ? { vicedir: c.vicedir, numservers: 1 } : { vicedir: c.vicedir, rvmtruncate: 5, trace: 100 });
  makeViceTree(c.vicedir);
  io.say(t.vicedirDone(c.vicedir));
  const isScm = c.v6 ? ['y', 'yes', 'Y'].includes(await io.askNonEmpty(t.ASK_SCM)) : await io.askYesNo(t.ASK_SCM);
  await driftQuestion(c, drift);
  const db = join(c.vicedir, 'db');
  const scm = isScm ? (await askTokens(c), c.hostname) : await askScmAndFetch(c);
  if (scm === null) return 1;
  for (const f of ['auth2.tk.BAK', 'VLDB', 'VRDB', 'VRList']) if (!existsSync(join(db, f))) writeFileSync(join(db, f), '');
  writeFileSync(join(c.vicedir, 'hostname'), `${c.hostname}\n`);
  if (c.v6) {
    if (!c.noConf) setServerConf(c.confDir, { rvmtruncate: 5, trace: 100 });
  } else setServerConf(c.confDir, { codatunnel: (await io.askYesNo(t.ASK_TUNNEL)) ? 1 : 0 });
  if (isScm) {
    io.say(t.SCM_INSTALL);
    writeFileSync(join(db, 'files.export'), `db\n${SCM_FILES.map((f) => `db/${f}`).join('\n')}\n`);
    const partition = (await setUpScmAndUser(c)) && (await setUpRvm(c)) ? await setUpSrvdir(c) : null;
    if (partition === null) {
      io.say(t.NOT_SET_UP(self));
      return 1;
    }
    io.say(t.SCM_CONGRATS);
    if (await io.askYesNo(t.ASK_START)) startAll(c, partition);
    else io.say(t.scmClosing(c.hostname, partition));
    return 0;
  }
  io.say(t.NON_SCM_INSTALL);
  if (!((await setUpRvm(c)) && (await setUpSrvdir(c)))) {
    io.say(t.NOT_SET_UP(self));
    return 1;
  }
  const closing = c.v6 ? t6.nonScmClosing : t.nonScmClosing;
  io.say(closing(readFileSync(join(c.vicedir, 'hostname'), 'utf8').trim(), readFileSync(join(db, 'scm'), 'utf8').trim()));
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const env = loadHostEnv();
  const v6 = env.lab.version !== '8.1';
  if (argv.length !== 0) {
    // 6.9.10 also takes `-n N` (servers per host); the lab plays one server per host.
    process.stdout.write(`Usage: ${join(env.lab.dir, 'bin', 'vice-setup')}${v6 ? ' [-n number-of-server-processes]' : ''}\n`);
    return 1;
  }
  const io = new PromptIO();
  const c: SetupContext = { io, v6, confDir: env.confDir, vicedir: '/vice', hostname: getHostname(env.root), bin: join(env.lab.dir, 'bin'), root: env.root };
  try {
    return await dialog(c, readFaults(env.lab.dir, env.host.short).viceSetupPromptDrift);
  } catch (e) {
    // End of input inside one of the script's re-asking loops: the real script would spin there forever.
    if (e instanceof EndOfInput) return 1;
    throw e;
  } finally {
    io.close();
  }
}
