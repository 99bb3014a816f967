// Benchmark section of `npm run bench`: what one simulated Coda tool call costs on the lab, as codaplay sees it
// (an exec over an open ssh connection to a lab host, against a running codasrv). Real Coda 8.1 answers such calls
// in 0.14–0.47 s, median 0.15–0.2 s (issue 9). Measures the lab's shims (served by the lab's tool service), then
// the same calls with each tool started as its own Node process (the lab before the service), and the bare ssh
// exec floor (`true`), all on one lab at one moment so the machine's load is the same. Prints median and p90;
// asserts nothing.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from 'ssh2';
import type { LabConfig } from '../src/lab/core/lab-config.js';
import { shShim } from '../src/lab/service/shim.js';
import { ALL_TOOLS } from '../src/lab/tools/tool-names.js';

const repo = resolve(fileURLToPath(import.meta.url), '../../..');
const cli = join(repo, 'dist/src/cli/main.js');
const now = (): number => Number(process.hrtime.bigint()) / 1e6;

function connectTo(lab: LabConfig, short: string): Promise<Client> {
  const h = lab.hosts.find((x) => x.short === short)!;
  const key = readFileSync(join(lab.dir, 'keys', 'id_ed25519'));
  return new Promise((res, rej) => {
    const sock = tcpConnect({ host: h.ip, port: lab.sshPort }, () => {
      sock.setNoDelay(true);
      const client = new Client();
      // The lab wrote known_hosts from these very sshds; the bench skips the check on purpose.
      client.on('ready', () => res(client)).on('error', rej).connect({ sock, username: lab.user, privateKey: key, hostVerifier: () => true });
    });
    sock.on('error', rej);
  });
}

/** One exec; resolves to its wall time in ms, or rejects when the command fails. */
function timedExec(client: Client, command: string): Promise<number> {
  const t0 = now();
  return new Promise((res, rej) => client.exec(command, (err, stream) => {
    if (err) { rej(err); return; }
    let out = '';
    stream.on('data', (d: Buffer) => { out += d.toString(); }).stderr.on('data', () => undefined);
    stream.on('exit', (code: number | null) => { if (code !== 0) rej(new Error(`${command}: exit ${code}\n${out}`)); });
    stream.on('close', () => res(now() - t0));
  }));
}

const quantile = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const fmt = (ms: number): string => (ms / 1000).toFixed(3);

/** `calls` sequential calls of `command`; median and p90 in ms. */
async function series(client: Client, command: string, calls: number): Promise<number[]> {
  for (let i = 0; i < 3; i++) await timedExec(client, command); // warm-up
  const times: number[] = [];
  for (let i = 0; i < calls; i++) times.push(await timedExec(client, command));
  return times;
}

function line(label: string, times: number[]): void {
  console.log(`  ${label.padEnd(44)} median ${fmt(quantile(times, 0.5))} s  p90 ${fmt(quantile(times, 0.9))} s`);
}

/** Sequential calls on the SCM of a fresh lab: served, then per process, then the ssh floor. Returns the served median and p90. */
export async function benchToolCalls(calls = 50): Promise<{ median: number; p90: number }> {
  const dir = mkdtempSync('/tmp/cpt-');
  try {
    const up = spawnSync(process.execPath, [cli, 'lab', 'up', '--dir', dir, '--time-factor', '0.02'], { cwd: repo, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    if (up.status !== 0) throw new Error(`lab up failed (exit ${up.status}): ${up.stderr}`);
    const lab = JSON.parse(readFileSync(join(dir, 'lab.json'), 'utf8')) as LabConfig;
    const client = await connectTo(lab, 'scm');
    const commands = ['getvolinfo scm.coda.lab vol01', 'volutil getvolumelist'];
    try {
      console.log(`\nsimulated tool calls over ssh on the lab's SCM (${calls} each, sequential; real Coda: median 0.15–0.2 s)`);
      const served: number[] = [];
      for (const c of commands) {
        const t = await series(client, c, calls);
        served.push(...t);
        line(c, t);
      }
      line('all (tool service)', served);
      // The lab as it was: each call starts Node (the shims the lab writes when it finds no Perl).
      for (const tool of ALL_TOOLS) {
        writeFileSync(join(dir, 'bin', tool), shShim(process.execPath, lab.toolsEntry, tool));
        chmodSync(join(dir, 'bin', tool), 0o755);
      }
      const perProcess: number[] = [];
      for (const c of commands) perProcess.push(...await series(client, c, calls));
      line('all (a Node process per call, as before)', perProcess);
      line('ssh exec floor (`true`)', await series(client, 'true', calls));
      const summary = { median: quantile(served, 0.5), p90: quantile(served, 0.9) };
      console.log(`  served median ${fmt(summary.median)} s (goal ≤ 0.200 s)`);
      return summary;
    } finally {
      client.end();
    }
  } finally {
    spawnSync(process.execPath, [cli, 'lab', 'down', '--dir', dir], { cwd: repo, env: { ...process.env, CI: 'true' } });
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await benchToolCalls();
