// Shared by the CLI and engine integration tests: run the compiled CLI, write an inventory for an ssh cluster.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import type { SshCluster } from '../helpers/ssh-cluster.js';

const REPO = join(fileURLToPath(import.meta.url), '../../..');
const CLI = join(REPO, 'dist/src/cli/main.js');

export async function cli(args: string[]) {
  const r = await execa(process.execPath, [CLI, ...args], { cwd: REPO, reject: false, env: { CI: 'true' } });
  return { code: r.exitCode ?? 250, stdout: String(r.stdout), stderr: String(r.stderr) };
}

export function writeInventory(c: SshCluster, file: string, knownHosts = c.knownHostsPath): string {
  const hosts = c.hosts.map((h) => `    ${h.name}:\n      address: ${h.address}\n      port: ${h.port}\n      identity_file: ${c.userKeyPath}\n      known_hosts_file: ${knownHosts}\n      work: ${join(c.dir, h.name, 'work')}`).join('\n');
  writeFileSync(file, `all:\n  hosts:\n${hosts}\n`);
  return file;
}


/** Start the CLI without waiting (to interrupt it). */
export function cliProcess(args: string[]) {
  return execa(process.execPath, [CLI, ...args], { cwd: REPO, reject: false, env: { CI: 'true' } });
}
