// vice-setup-srvdir: the partition directory, its FTREEDB and its vicetab line. The maximum-files question is
// printed with two `echo`s, so the output waiting for that answer ends in a newline (OBSERVED, corrections).
import { appendFileSync, existsSync, lstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scriptPath, type SetupContext } from './context.js';
import { EndOfInput } from './prompt-io.js';
import * as t from './texts.js';

async function askGeometry(c: SetupContext): Promise<string> {
  for (;;) {
    c.io.say(t.ASK_MAX_FILES);
    const line = await c.io.read();
    const geometry = t.FTREE_GEOMETRY[(line ?? '').toUpperCase()];
    if (geometry) return geometry;
    c.io.say(t.CHOOSE_LISTED);
    if (line === null) throw new EndOfInput();
  }
}

function isDirOrLink(path: string): boolean {
  try {
    const s = lstatSync(path);
    return s.isDirectory() || s.isSymbolicLink();
  } catch {
    return false;
  }
}

/** The partition set up, or null when the script exited 1. */
export async function setUpSrvdir(c: SetupContext): Promise<string | null> {
  const { io } = c;
  io.say(t.SRVDIR_INTRO);
  const dir = (await io.ask(t.ASK_PARTITION)) || join(c.root, 'vicepa');
  if (isDirOrLink(dir)) {
    if (existsSync(join(dir, 'FTREEDB'))) {
      io.say(t.ftreedbExists(dir, scriptPath(c, 'vice-setup-srvdir'), c.vicedir));
      return null;
    }
  } else {
    try {
      mkdirSync(dir);
    } catch (e) {
      process.stderr.write(`mkdir: cannot create directory '${dir}': ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory' : 'Permission denied'}\n`);
      io.say(t.cannotMkdir(dir));
      return null;
    }
  }
  writeFileSync(join(dir, 'FTREEDB'), '', { flag: 'a' });
  const answer = c.v6 ? await io.askNonEmpty(t.askVicetab(dir)) : '';
  const vicetab = c.v6 ? ['y', 'yes', 'Y'].includes(answer) : await io.askYesNo(t.askVicetab(dir));
  if (vicetab) {
    const file = join(c.vicedir, 'db', 'vicetab');
    if (existsSync(file) && readFileSync(file, 'utf8').includes(dir)) {
      io.say(t.alreadyInVicetab(dir, c.vicedir));
      return null;
    }
    const geometry = await askGeometry(c);
    mkdirSync(join(c.vicedir, 'db'), { recursive: true });
    appendFileSync(file, `${c.hostname}   ${dir}   ftree   ${geometry}\n`);
    io.say(t.srvdirDone(dir));
  } else {
    io.say(t.NO_VICETAB);
    await io.read();
  }
  io.say('\n');
  return dir;
}
