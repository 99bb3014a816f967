// vice-setup-rvm: the RVM log and data questions, the wipe, rvmutl and rdsinit (simulated: the files are created
// at the asked sizes). Loops and messages as in the 8.1 and 6.9.10 scripts; false = the script exited 1.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { appendFileSync } from 'node:fs';
import type { SetupContext } from './context.js';
import { EndOfInput } from './prompt-io.js';
import { setServerConf, sizeInBytes, wipeRvmFile } from './setup-files.js';
import * as t from './texts.js';
import * as t6 from './texts-6.js';

const SUPPORTED = /^(32|64|128|256)[mM]$/;
const EXPERIMENTAL = /^(512[mM]|768[mM]|1[gG])$/;

async function askDataSize(c: SetupContext): Promise<string> {
  const { io } = c;
  for (;;) {
    io.say(t.DATA_SIZE_TEXT + t.ASK_DATA_SIZE);
    const line = await io.read();
    if (line === null) throw new EndOfInput();
    if (SUPPORTED.test(line)) return line;
    if (EXPERIMENTAL.test(line)) {
      io.say(t.EXPERIMENTAL_SIZE);
      return line;
    }
    // Anything else (an empty answer too) asks for confirmation; 6.9.10 accepts only a literal "yes".
    const sure = c.v6 ? (await io.ask(t.UNSUPPORTED_SIZE)) === 'yes' : await io.askYesNo(`\n${t.UNSUPPORTED_SIZE}`);
    if (sure && line !== '') return line;
  }
}

export async function setUpRvm(c: SetupContext): Promise<boolean> {
  const { io } = c;
  io.say(c.v6 ? t6.RVM_INTRO : t.RVM_INTRO);
  if (c.v6) {
    const ready = await io.askNonEmpty(t.ASK_RVM_READY);
    if (ready !== 'yes' && ready !== 'y') {
      io.say(t.RVM_NOT_READY);
      return false;
    }
    io.say('\n');
  } else if (!(await io.askYesNo(t.ASK_RVM_READY))) {
    io.say(t.RVM_NOT_READY);
    return false;
  }
  const cwd = join(c.vicedir, 'db');
  const log = resolve(cwd, await io.askNonEmpty(t.ASK_LOG_FILE));
  const logSize = await io.askNonEmpty(t.LOG_SIZE_TEXT + t.ASK_LOG_SIZE, '\n');
  const data = resolve(cwd, await io.askNonEmpty(t.ASK_DATA_FILE));
  const sizeText = await askDataSize(c);
  // The script keeps the leading digits and takes values up to 4 as gigabytes.
  const digits = Number(/^\d*/.exec(sizeText)![0] || '0');
  const mb = digits <= 4 ? digits * 1024 : digits;
  io.say(t.wipeWarning(log, logSize, data, mb));
  if (c.v6) {
    if (['n', 'no', 'N', 'No'].includes(await io.askNonEmpty(t.ASK_WIPE))) return false;
  } else if (!(await io.askYesNo(t.ASK_WIPE))) return false;
  const logBytes = sizeInBytes(logSize);
  wipeRvmFile(log, Number.isFinite(logBytes) ? logBytes : 0);
  io.say(t.LOG_DONE);
  const dsparm = mb * 1048576;
  if (!c.noConf && existsSync(join(c.confDir, 'server.conf'))) setServerConf(c.confDir, { rvm_log: log, rvm_data: data, rvm_data_length: dsparm });
  else appendFileSync(join(c.vicedir, 'srv.conf'), `-rvm ${log} ${data} ${dsparm}\n`);
  io.say(t.RDSINIT);
  wipeRvmFile(data, dsparm);
  if (c.v6) io.say('\n');
  io.say(t.RVM_DONE);
  return true;
}
