// Simulated createvol_rep (REFERENCE §7.3, OBSERVED): SCM only; group id from maxgroupid; create_rep per server
// as <vol>.N; with one server resolution is turned off (setlogparms reson 0, its "HACK"); bldvldb.sh; an 11-field
// line appended to VRList.new; makevrdb; VRList.new becomes VRList; 8.1: volutil updatedb.
import { appendFileSync, copyFileSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadHostEnv } from '../../core/host-env.js';
import { runTool } from '../run-tool.js';
import { vicedirOf } from '../tool-common.js';

const say = (t: string): void => { process.stdout.write(`${t}\n`); };

export async function main(argv: string[]): Promise<number> {
  const env = loadHostEnv();
  const vicedir = vicedirOf(env);
  const db = join(vicedir, 'db');
  if (!existsSync(join(vicedir, 'hostname')) || !existsSync(join(db, 'scm'))) { say('Coda server configuration error.  Could not find needed files.'); return 1; }
  const scm = readFileSync(join(db, 'scm'), 'utf8').trim();
  if (readFileSync(join(vicedir, 'hostname'), 'utf8').trim() !== scm) { say(`This must be run from the scm (${scm})`); return 1; }
  const args = [...argv];
  const groupArg = args.length > 2 && /^7f/i.test(args.at(-1)!) ? args.pop() : undefined;
  const [volume, ...servers] = args;
  if (!volume || servers.length === 0) { say('bad args:  createvol_rep <volname> <server>[/<partition>] [<server>[/<partition>]]* [groupid]'); return 1; }
  if (volume.length > 29) { say(`Volume name "${volume}" too long.`); say('  it should be at most 29 characters'); return 1; }
  if (servers.length > 8) { say('Specify 1 - 8 servers'); return 1; }
  const vrlist = join(db, 'VRList');
  if (!existsSync(vrlist)) writeFileSync(vrlist, '');
  const vrlistNew = join(db, 'VRList.new');
  rmSync(vrlistNew, { force: true });
  if (runTool('volutil', ['-h', scm, 'dumpvrdb', vrlistNew], true).code !== 0) copyFileSync(vrlist, vrlistNew);
  if (readFileSync(vrlistNew, 'utf8').split('\n').some((l) => l.split(/\s+/)[0] === volume)) { say(`Volume ${volume} already exists in ${vrlist}`); return 1; }
  const serverLines = readFileSync(join(db, 'servers'), 'utf8');
  const targets: { server: string; partition: string }[] = [];
  for (const spec of servers) {
    const [server, part] = spec.split(/\/(.*)/s).filter((x) => x !== undefined) as string[];
    if (!serverLines.includes(server!)) { say(`Server ${server} not in servers file`); return 1; }
    const tmp = `/tmp/vollist.${process.pid}`;
    runTool('volutil', ['-h', server!, 'getvolumelist', tmp], true);
    const list = existsSync(tmp) ? readFileSync(tmp, 'utf8') : '';
    rmSync(tmp, { force: true });
    if (new RegExp(`^[WRB]${volume.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `, 'm').test(list)) { say(`${volume} already exists as a non replicated volume on ${server}`); return 1; }
    const partitions = [...list.matchAll(/^P(\S+) /gm)].map((m) => m[1]!);
    if (partitions.length === 0) { say(`Found no partitions for server ${server}.`); return 1; }
    const partition = part ? `/${part}`.replace(/^\/\//, '/') : partitions.length === 1 ? partitions[0]! : '';
    if (!partition) { say(`Found 2 or more partitions for server ${server}. You`); say('must specify a partition.'); return 1; }
    if (!partitions.includes(partition)) { say(`Partition ${partition} not found on server ${server}.`); return 1; }
    targets.push({ server: server!, partition });
  }
  const maxFile = join(db, 'maxgroupid');
  if (!existsSync(maxFile)) { say(`${maxFile} not found`); return 1; }
  let gid = groupArg ?? Number(readFileSync(maxFile, 'utf8').trim()).toString(16);
  if (!groupArg) writeFileSync(maxFile, `${parseInt(gid, 16) + 1}\n`);
  gid = gid.toLowerCase();
  say(`Replicated volumeid is ${gid}`);
  const ids: string[] = [];
  for (const [n, t] of targets.entries()) {
    say(`creating volume ${volume}.${n} on ${t.server} (partition ${t.partition})`);
    const r = runTool('volutil', ['-h', t.server, 'create_rep', t.partition, `${volume}.${n}`, gid], true);
    process.stderr.write(r.stderr);
    if (r.code !== 0) { say(`Failure to make volume on ${t.server}!. Abort..`); return 1; }
    ids.push(r.stdout.split(' ')[1] ?? '0');
  }
  if (targets.length === 1) runTool('volutil', ['-h', targets[0]!.server, 'setlogparms', ids[0]!, 'reson', '0']);
  runTool('bldvldb.sh', targets.map((t) => t.server));
  const entry = `${volume} ${gid} ${ids.length} ${[...ids, ...Array(8 - ids.length).fill('0')].join(' ')}`;
  appendFileSync(vrlistNew, `${entry}\n`);
  say(`<echo ${entry} >> ${vrlistNew}>`);
  if (runTool('volutil', ['makevrdb', vrlistNew]).code !== 0) { say(`Failed to create a new VRDB file from ${vrlistNew}`); return 1; }
  if (existsSync(vrlist)) renameSync(vrlist, join(db, 'VRList.old'));
  renameSync(vrlistNew, vrlist);
  if (env.lab.version === '8.1') runTool('volutil', ['updatedb']);
  return 0;
}
