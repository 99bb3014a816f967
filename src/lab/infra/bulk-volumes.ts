// Many volumes for a big lab cell, quickly. `createvol_rep` runs half a dozen tools per volume and rebuilds the whole
// VLDB each time, so a 1,000-volume cell would take most of an hour to build. Past the first few volumes (made by the
// real createvol_rep path), `lab up` does what createvol_rep does, in bulk: the SCM's codasrv creates each replica
// over its admin RPC (the same CreateRep/SetLogParms volutil uses: group id from maxgroupid, resolution off as
// createvol_rep's one-server "HACK" leaves it), VRList gets the same 11-field lines, then one bldvldb.sh and one
// makevrdb. The resulting cell is the one createvol_rep would have left.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabConfig, LabHostConfig } from '../core/lab-config.js';
import { rpcCall } from '../core/rpc.js';

const hex = (n: number): string => (n >>> 0).toString(16);

export async function createVolumesInBulk(lab: LabConfig, scm: LabHostConfig, names: string[], runTool: (tool: string, args: string[]) => void): Promise<void> {
  if (names.length === 0) return;
  const db = join(scm.root, 'vice', 'db');
  const token = readFileSync(join(db, 'volutil.tk'), 'utf8').trim();
  const partition = join(scm.root, 'vicepa');
  let groupId = Number(readFileSync(join(db, 'maxgroupid'), 'utf8').trim());
  const lines: string[] = [];
  for (const name of names) {
    const created = await rpcCall(scm.ip, lab.codasrvPort, { op: 'CreateRep', token, partition, name: `${name}.0`, groupId }, { timeoutMs: 30_000 });
    if (created.rc !== 0) throw new Error(`creating ${name}.0 failed (rc ${created.rc})`);
    const id = Number(created.volumeId);
    const resoff = await rpcCall(scm.ip, lab.codasrvPort, { op: 'SetLogParms', token, volumeId: id, reson: 0 }, { timeoutMs: 30_000 });
    if (resoff.rc !== 0) throw new Error(`setlogparms on ${name}.0 failed (rc ${resoff.rc})`);
    lines.push(`${name} ${hex(groupId)} 1 ${[hex(id), ...Array(7).fill('0')].join(' ')}\n`);
    groupId++;
  }
  writeFileSync(join(db, 'maxgroupid'), `${groupId}\n`);
  appendFileSync(join(db, 'VRList'), lines.join(''));
  runTool('bldvldb.sh', [scm.name]);
  runTool('volutil', ['makevrdb', join(db, 'VRList')]);
  if (lab.version === '8.1') runTool('volutil', ['updatedb']);
}
