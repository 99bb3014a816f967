// `npm run demo`: the main job, end to end, on a local simulated cell — lab up, add-replica (the whole
// playbook through the real CLI, real sshd per host), the evidence report, lab down. Pass --bare to start
// the new server from a bare host (vice-setup first, issue 5), --keep to leave the lab running afterwards.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(fileURLToPath(import.meta.url), '../../..');
const cli = join(repo, 'dist/src/cli/main.js');
const args = process.argv.slice(2);
const bare = args.includes('--bare');
const keep = args.includes('--keep');
// Short on purpose: Coda refuses partition paths of 32 bytes or more, and the lab's live under this dir.
const labDir = `/tmp/cpdemo-${process.getuid?.() ?? 'u'}${bare ? 'b' : ''}`;

function codaplay(...argv: string[]): number {
  console.log(`\n$ codaplay ${argv.join(' ')}`);
  const r = spawnSync(process.execPath, [cli, ...argv], { stdio: 'inherit', cwd: repo });
  return r.status ?? 250;
}

if (existsSync(join(labDir, 'lab.json'))) codaplay('lab', 'down', '--dir', labDir);
let code = codaplay('lab', 'up', '--dir', labDir, '--volumes', '4', '--files', '12', ...(bare ? ['--bare-new-server'] : []));
if (code === 0) {
  try {
    code = codaplay('run', 'playbooks/add-replica.yaml', '-i', join(labDir, 'inventory.yaml'));
    if (code === 0) {
      console.log('\nRerunning: every step probes first, so a finished job reports changed=0.');
      code = codaplay('run', 'playbooks/add-replica.yaml', '-i', join(labDir, 'inventory.yaml'));
    }
  } finally {
    if (!keep) codaplay('lab', 'down', '--dir', labDir);
  }
}
process.exitCode = code;
