// The second half of vice-setup, shared by the SCM and non-SCM paths: RVM log/data, then the partition.
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import type { PromptIO } from './prompt-io.js';
import { setServerConf, setUpPartition, sizeInBytes, wipeRvmFile } from './setup-files.js';
import * as t from './texts.js';

export interface RvmSrvdirResult {
  partition: string;
  error?: string;
}

export async function setUpRvmAndSrvdir(io: PromptIO, confDir: string, vicedir: string, hostname: string): Promise<RvmSrvdirResult> {
  io.say(t.RVM_INTRO);
  const ready = await io.ask(t.ASK_RVM_READY);
  if (!/^y/i.test(ready)) return { partition: '', error: 'RVM setup aborted.' };
  const log = await io.ask(t.ASK_LOG_FILE);
  io.say(t.LOG_SIZE_TEXT);
  const logSize = await io.ask(t.ASK_LOG_SIZE);
  io.say('\n');
  const data = await io.ask(t.ASK_DATA_FILE);
  io.say(t.DATA_SIZE_TEXT);
  const dataSize = await io.ask(t.ASK_DATA_SIZE);
  const dataBytes = sizeInBytes(dataSize);
  const logBytes = sizeInBytes(logSize);
  if (!Number.isFinite(dataBytes) || !Number.isFinite(logBytes)) return { partition: '', error: `Cannot understand the size "${Number.isFinite(logBytes) ? dataSize : logSize}".` };
  io.say(t.wipeWarning(log, logSize, data, Math.round(dataBytes / 1024 ** 2)));
  const wipe = await io.ask(t.ASK_WIPE);
  if (!/^y/i.test(wipe)) return { partition: '', error: 'Not wiping anything: RVM setup aborted.' };
  wipeRvmFile(log, logBytes);
  wipeRvmFile(data, dataBytes);
  setServerConf(confDir, { rvm_log: log, rvm_data: data, rvm_data_length: dataBytes, rvmtruncate: 5, trace: 100 });
  io.say(t.RVM_DONE);
  io.say(t.SRVDIR_INTRO);
  const partition = (await io.ask(t.ASK_PARTITION)) || '/vicepa';
  const vicetab = await io.ask(t.askVicetab(partition));
  const maxFiles = await io.ask(t.ASK_MAX_FILES);
  const geometry = t.FTREE_GEOMETRY[maxFiles.toUpperCase()] ?? t.FTREE_GEOMETRY['256K']!;
  const error = setUpPartition(vicedir, partition, hostname, geometry, /^y/i.test(vicetab));
  if (error) return { partition, error };
  writeFileSync(join(vicedir, 'hostname'), `${hostname}\n`);
  io.say(t.srvdirDone(partition));
  return { partition };
}
