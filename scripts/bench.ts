// `npm run bench`: how close codaplay's engine gets to the floor of raw ssh2, and (if installed) how it compares to
// ansible-playbook. Each section is an exported function; the add-replica section lives in bench-add-replica.ts.
// Prints figures; asserts nothing (tests never assert on time).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from 'ssh2';
import { projectHelpers, transportFactory } from '../src/cli/project.js';
import { defaultRunOptions } from '../src/engine/run-context.js';
import { runPlaybook } from '../src/engine/run-playbook.js';
import { loadInventory } from '../src/inventory/load-inventory.js';
import { builtinModules } from '../src/modules/registry.js';
import { loadPlaybook } from '../src/playbook/load-playbook.js';
import { startSshCluster, type SshCluster } from '../test/helpers/ssh-cluster.js';
import { benchAddReplica, QUICK_MATRIX } from './bench/add-replica.js';

const TASKS = 50;
const now = () => Number(process.hrtime.bigint()) / 1e6;

function writeFiles(c: SshCluster): { inv: string; pb: string } {
  const inv = join(c.dir, 'inventory.yaml');
  writeFileSync(inv, `all:\n  hosts:\n${c.hosts.map((h) => `    ${h.name}:\n      address: ${h.address}\n      port: ${h.port}\n      identity_file: ${c.userKeyPath}\n      known_hosts_file: ${c.knownHostsPath}`).join('\n')}\n`);
  const pb = join(c.dir, 'bench.yaml');
  const tasks = Array.from({ length: TASKS }, (_, i) => `    - name: task ${i + 1}\n      command:\n        cmd: "true"`).join('\n');
  writeFileSync(pb, `- name: Bench\n  hosts: all\n  tasks:\n${tasks}\n`);
  return { inv, pb };
}

/** codaplay's engine in-process: connect, 50 tasks × 3 hosts, close. */
export async function timeEngine(c: SshCluster, inv: string, pb: string): Promise<number> {
  const t0 = now();
  const out = await runPlaybook({
    playbook: loadPlaybook(pb, builtinModules), inventory: loadInventory(inv), registry: builtinModules,
    options: defaultRunOptions(), helpers: projectHelpers(), createTransport: transportFactory(false), listener: () => undefined,
  });
  if (out.exitCode !== 0) throw new Error(`bench playbook failed: exit ${out.exitCode}`);
  return now() - t0;
}

function execOnce(client: Client, command: string): Promise<void> {
  return new Promise((res, rej) => client.exec(command, (err, stream) => {
    if (err) { rej(err); return; }
    stream.on('close', () => res()).on('data', () => undefined).stderr.on('data', () => undefined);
  }));
}

/** The floor: a plain ssh2 script, 3 persistent connections (TCP_NODELAY), the same 150 commands task by task. */
export async function timeRawSsh2(c: SshCluster): Promise<number> {
  const key = readFileSync(c.userKeyPath);
  const t0 = now();
  const clients = await Promise.all(c.hosts.map((h) => new Promise<Client>((res, rej) => {
    const sock = tcpConnect({ host: h.address, port: h.port }, () => {
      sock.setNoDelay(true);
      const client = new Client();
      // The cluster's known_hosts was written from these very keys; the floor skips the lookup on purpose.
      client.on('ready', () => res(client)).on('error', rej).connect({ sock, username: c.user, privateKey: key, hostVerifier: (k: Buffer) => h.hostPublicKey.includes(k.toString('base64')) });
    });
    sock.on('error', rej);
  })));
  for (let i = 0; i < TASKS; i++) await Promise.all(clients.map((cl) => execOnce(cl, 'true')));
  for (const cl of clients) cl.end();
  return now() - t0;
}

/** ansible-playbook with pipelining, when it is installed. */
export function timeAnsible(c: SshCluster, pb: string): number | null {
  if (spawnSync('sh', ['-c', 'command -v ansible-playbook']).status !== 0) return null;
  const ini = join(c.dir, 'hosts.ini');
  writeFileSync(ini, c.hosts.map((h) => `${h.name} ansible_host=${h.address} ansible_port=${h.port} ansible_user=${c.user} ansible_ssh_private_key_file=${c.userKeyPath} ansible_ssh_common_args='-o UserKnownHostsFile=${c.knownHostsPath}'`).join('\n') + '\n');
  const t0 = now();
  const r = spawnSync('ansible-playbook', ['-i', ini, pb, '-f', '3'], { env: { ...process.env, ANSIBLE_PIPELINING: '1', ANSIBLE_GATHERING: 'explicit' }, encoding: 'utf8' });
  if (r.status !== 0) { console.log(`ansible-playbook failed (${r.status}): ${r.stdout.slice(-400)}`); return null; }
  return now() - t0;
}

export async function benchEngine(): Promise<void> {
  const c = await startSshCluster(3);
  try {
    const { inv, pb } = writeFiles(c);
    await timeRawSsh2(c); // warm-up: key loading, sshd's first fork
    const raw = Math.min(await timeRawSsh2(c), await timeRawSsh2(c));
    const engine = Math.min(await timeEngine(c, inv, pb), await timeEngine(c, inv, pb));
    console.log(`engine: ${TASKS} command tasks × ${c.hosts.length} hosts (best of 2, connect included)`);
    console.log(`  raw ssh2 floor : ${(raw / 1000).toFixed(3)} s`);
    console.log(`  codaplay engine: ${(engine / 1000).toFixed(3)} s   ratio ${(engine / raw).toFixed(2)}× (target ≤ 1.2×)`);
    const ansible = timeAnsible(c, pb);
    if (ansible === null) console.log('  ansible-playbook: not installed (skipped)');
    else console.log(`  ansible-playbook (pipelining): ${(ansible / 1000).toFixed(3)} s   ratio ${(ansible / raw).toFixed(2)}× the floor, ${(ansible / engine).toFixed(1)}× codaplay`);
  } finally {
    await c.stop();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await benchEngine();
  if (!process.argv.includes('--engine-only')) benchAddReplica(process.argv.includes('--quick') ? QUICK_MATRIX : undefined);
}
