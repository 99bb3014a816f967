// The lab's tool service (src/lab/service/) against the tool run as its own Node process, on a running lab: the
// same stdout, stderr and exit status for each call (nested tools included), the caller's host, cwd and stdin
// (read only when the tool reads it, and interactively: prompts reach the caller before it answers), concurrent
// calls, a killed caller ending its call, the shims falling back to a process of their own when the service is
// gone, and `lab down` stopping it by its pid file.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabConfig } from '../../../src/lab/core/lab-config.js';
import { labDown } from '../../../src/lab/infra/lab-down.js';
import { labStatus } from '../../../src/lab/infra/lab-status.js';
import { labUp } from '../../../src/lab/infra/lab-up.js';
import { isAlive } from '../../../src/lab/infra/processes.js';
import { servicePaths, WORKER_TITLE as TITLE } from '../../../src/lab/service/paths.js';

interface Run { code: number | null; stdout: string; stderr: string }

const hostEnv = (lab: LabConfig, host: string): NodeJS.ProcessEnv => ({ ...process.env, CODA_LAB_DIR: lab.dir, CODA_LAB_HOST: host, PATH: `${join(lab.dir, 'bin')}:/usr/bin:/bin` });

/** Through the lab's shim (served), or as `node main.js <tool>` (a process of its own). */
function run(lab: LabConfig, how: 'shim' | 'process', host: string, argv: string[], opts: { cwd?: string; input?: string } = {}): Run {
  const [tool, ...args] = argv;
  const [cmd, cmdArgs] = how === 'shim' ? [join(lab.dir, 'bin', tool!), args] : [process.execPath, [lab.toolsEntry, tool!, ...args]];
  const r = spawnSync(cmd, cmdArgs, { encoding: 'utf8', env: hostEnv(lab, host), cwd: opts.cwd ?? '/', input: opts.input ?? '' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function shell(lab: LabConfig, host: string, script: string, input: string): Run {
  const r = spawnSync('/bin/sh', ['-c', script], { encoding: 'utf8', env: hostEnv(lab, host), input });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Workers of the service and the tool each runs (from their process titles). */
function workers(lab: LabConfig): Map<number, string> {
  const svc = Number(readFileSync(servicePaths(lab.dir).pidFile, 'utf8'));
  const out = new Map<number, string>();
  for (const d of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== svc) continue;
      out.set(Number(d), readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0+$/, '').replace(/\0/g, ' '));
    } catch { /* gone meanwhile */ }
  }
  return out;
}

async function until(what: string, test: () => boolean): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (test()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`timed out waiting until ${what}`);
}

/**
 * Answer a prompting tool one answer at a time, each only once its output has gone quiet (the prompt is out),
 * then end its input; returns what it printed before each answer, the rest, and the status.
 */
function converse(child: ChildProcess, answers: string[]): Promise<{ transcript: string[]; code: number | null }> {
  return new Promise((resolve) => {
    const transcript: string[] = [];
    let pending = '';
    let quiet: NodeJS.Timeout | undefined;
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      pending += d;
      clearTimeout(quiet);
      quiet = setTimeout(() => {
        if (answers.length === 0) return;
        transcript.push(pending);
        pending = '';
        child.stdin!.write(`${answers.shift()}\n`);
        if (answers.length === 0) child.stdin!.end();
      }, 300);
    });
    child.on('close', (code) => {
      clearTimeout(quiet);
      transcript.push(pending);
      resolve({ transcript, code });
    });
  });
}

const SAME: { name: string; host: string; argv: string[] }[] = [
  { name: 'volutil getvolumelist', host: 'scm', argv: ['volutil', 'getvolumelist'] },
  { name: 'volutil usage (stderr, failure status)', host: 'scm', argv: ['volutil'] },
  { name: 'volutil -h an unknown name', host: 'scm', argv: ['volutil', '-h', 'nosuch.coda.lab', 'getvolumelist'] },
  { name: 'volutil against a server that is down', host: 'scm', argv: ['volutil', '-h', 'new1.coda.lab', 'getvolumelist'] },
  { name: 'getvolinfo by name', host: 'scm', argv: ['getvolinfo', 'scm.coda.lab', 'vol01'] },
  { name: 'getvolinfo usage', host: 'scm', argv: ['getvolinfo'] },
  { name: 'rpc2ping', host: 'scm', argv: ['rpc2ping', 'scm.coda.lab'] },
  { name: 'bldvldb.sh (runs volutil inside, output passed through)', host: 'scm', argv: ['bldvldb.sh'] },
  { name: 'hostname on the SCM', host: 'scm', argv: ['hostname'] },
  { name: 'hostname on the new server', host: 'new1', argv: ['hostname'] },
  { name: 'getent through the host\'s own hosts file', host: 'new1', argv: ['getent', 'hosts', 'scm.coda.lab'] },
  // hostname and getent hosts are answered by the Perl shim itself (host-shims.ts): same bytes, same status.
  { name: 'hostname -f', host: 'new1', argv: ['hostname', '-f'] },
  { name: 'hostname -s', host: 'new1', argv: ['hostname', '-s'] },
  { name: 'hostname -i', host: 'client1', argv: ['hostname', '-i'] },
  { name: 'getent hosts: several keys, an alias, a dotted quad, a missing one (exit 2)', host: 'client1', argv: ['getent', 'hosts', 'scm.coda.lab', 'new1', '127.0.0.9', 'nosuch.coda.lab', 'NEW1.CODA.LAB'] },
  { name: 'getent ahostsv4', host: 'scm', argv: ['getent', 'ahostsv4', 'new1.coda.lab'] },
  { name: 'getent of another database goes to the system getent', host: 'scm', argv: ['getent', 'services', 'ssh'] },
  { name: 'cfs checkservers on the client', host: 'client1', argv: ['cfs', 'cs'] },
  { name: 'cfs with a bogus opcode', host: 'client1', argv: ['cfs', 'frobnicate'] },
  { name: 'createvol_rep off the SCM', host: 'new1', argv: ['createvol_rep', 'x', 'new1.coda.lab'] },
];

/** Warm workers asked of lab up (more than the 3 idle ones the service keeps by default). */
const WARM = 5;

describe('lab tool service (real sshd lab; served calls = per-process calls)', function () {
  this.timeout(180_000);
  let dir: string;
  let lab: LabConfig;
  before(async () => {
    dir = mkdtempSync('/tmp/cps-');
    lab = await labUp({ dir, volumes: 1, files: 2, timeFactor: 0.02, toolWorkers: WARM });
  });
  after(async () => {
    await labDown({ dir });
    rmSync(dir, { recursive: true, force: true });
  });

  it('lab up starts the service (pid file, socket in the lab dir) and writes Perl shims', async () => {
    const paths = servicePaths(dir);
    assert.ok(isAlive(Number(readFileSync(paths.pidFile, 'utf8'))));
    assert.ok(existsSync(paths.socket));
    assert.match(readFileSync(join(dir, 'bin', 'volutil'), 'utf8'), /^#!\S*perl\n/);
    // hostname and getent answer in the shim itself where the system Perl has Time::HiRes (to time the call).
    const perl = /^#!(\S+)/.exec(readFileSync(join(dir, 'bin', 'getent'), 'utf8'))![1]!;
    const hiRes = spawnSync(perl, ['-MTime::HiRes', '-e', '1']).status === 0;
    assert.equal(/sub hosts_of/.test(readFileSync(join(dir, 'bin', 'getent'), 'utf8')), hiRes);
    assert.equal(/sub hosts_of/.test(readFileSync(join(dir, 'bin', 'volutil'), 'utf8')), false);
    assert.match(await labStatus({ dir }), /^tools +toolsvc \d+ up/m);
    // Its warm workers start by themselves, before any call has asked for one (calls alone keep 2 spare).
    await until(`${WARM} idle workers`, () => [...workers(lab).values()].filter((t) => t === `${TITLE} idle`).length >= WARM);
  });

  for (const row of SAME) {
    it(`same bytes and status as a process: ${row.name}`, () => {
      const served = run(lab, 'shim', row.host, row.argv);
      const alone = run(lab, 'process', row.host, row.argv);
      assert.deepEqual(served, alone);
    });
  }

  it('runs in the caller\'s working directory (ls lists it)', () => {
    const cwd = mkdtempSync(join(dir, 'cwd-'));
    writeFileSync(join(cwd, 'marker'), '');
    assert.deepEqual(run(lab, 'shim', 'client1', ['ls'], { cwd }), { code: 0, stdout: 'marker\n', stderr: '' });
  });

  it('leaves stdin unread for the next command when the tool does not read it', () => {
    assert.deepEqual(shell(lab, 'scm', 'hostname; cat', 'left for cat\n'), { code: 0, stdout: 'scm.coda.lab\nleft for cat\n', stderr: '' });
  });

  it('interactive: each prompt reaches the caller before the answer, as from a process (vice-setup)', async () => {
    const dialog = async (how: 'shim' | 'process'): Promise<{ transcript: string[]; code: number | null }> => {
      const cwd = mkdtempSync(join(dir, `vs-${how}-`));
      const [cmd, args] = how === 'shim' ? [join(dir, 'bin', 'vice-setup'), []] : [process.execPath, [lab.toolsEntry, 'vice-setup']];
      const child = spawn(cmd, args, { cwd, env: hostEnv(lab, 'new1'), stdio: ['pipe', 'pipe', 'ignore'] });
      // 6.9.10's vice-setup (the lab's default version) on a host that has a server.conf first asks whether to go on
      // (removing it), then whether to create it.
      const r = await converse(child, ['yes', 'yes', 'v', 'n', 'scm.coda.lab']);
      assert.ok(existsSync(join(cwd, 'v')), 'vice-setup set up the relative directory in the caller\'s cwd');
      return r;
    };
    const served = await dialog('shim');
    assert.ok(served.transcript.length >= 4, JSON.stringify(served.transcript));
    for (const before of served.transcript.slice(0, 3)) assert.notEqual(before, '', 'a prompt came before each answer');
    assert.deepEqual(served, await dialog('process'));
  });

  it('concurrent calls each get their own output', async () => {
    const calls = ['scm', 'new1', 'client1', 'scm', 'new1', 'client1'].map((host) => new Promise<string>((resolve) => {
      const child = spawn(join(dir, 'bin', 'hostname'), [], { env: hostEnv(lab, host), stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => { out += d; });
      child.on('close', () => resolve(out));
    }));
    assert.deepEqual(await Promise.all(calls), ['scm', 'new1', 'client1', 'scm', 'new1', 'client1'].map((h) => `${h}.coda.lab\n`));
  });

  it('workers reused call after call under load: every one of many overlapping RPC calls is answered', async () => {
    // A worker once took the close of its previous call's socket for its current caller going away.
    const one = (): Promise<{ code: number | null; out: string }> => new Promise((resolve) => {
      const child = spawn(join(dir, 'bin', 'getvolinfo'), ['scm.coda.lab', '/'], { env: hostEnv(lab, 'scm'), stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => { out += d; });
      child.stderr.setEncoding('utf8').on('data', (d: string) => { out += d; });
      child.on('close', (code) => resolve({ code, out }));
    });
    for (let round = 0; round < 4; round++) {
      const answers = await Promise.all(Array.from({ length: 20 }, one));
      const bad = answers.filter((a) => a.code !== 0 || !/VolumeId/.test(a.out));
      assert.deepEqual(bad, [], `round ${round + 1}`);
    }
  });

  it('keeps lab up\'s warm workers: still there, idle, after bursts of calls', async () => {
    const idle = (): number => [...workers(lab).values()].filter((t) => t === `${TITLE} idle`).length;
    assert.equal(JSON.parse(readFileSync(join(dir, 'lab.json'), 'utf8')).toolWorkers, WARM);
    // The bursts of the test before spawned more; the idle ones beyond the warm pool end, the warm ones stay.
    await until('the pool back to its warm size', () => idle() === WARM);
  });

  it('a killed caller ends its call (the worker serving it goes away)', async () => {
    const child = spawn(join(dir, 'bin', 'vice-setup'), [], { cwd: dir, env: hostEnv(lab, 'new1'), stdio: ['pipe', 'pipe', 'ignore'] });
    await new Promise((r) => child.stdout.once('data', r));
    const serving = [...workers(lab)].filter(([, title]) => title === `${TITLE} vice-setup`).map(([pid]) => pid);
    assert.equal(serving.length, 1, JSON.stringify([...workers(lab)]));
    child.kill('SIGKILL');
    await until('the worker is gone', () => !isAlive(serving[0]!));
  });

  it('without the service the shims run the tool as a process of their own, with the same result', async () => {
    const before = run(lab, 'shim', 'scm', ['getvolinfo', 'scm.coda.lab', 'vol01']);
    const pid = Number(readFileSync(servicePaths(dir).pidFile, 'utf8'));
    const pool = [...workers(lab).keys()];
    process.kill(pid, 'SIGTERM');
    await until('the service and its workers are gone', () => !isAlive(pid) && pool.every((p) => !isAlive(p)));
    assert.equal(existsSync(servicePaths(dir).socket), false);
    assert.deepEqual(run(lab, 'shim', 'scm', ['getvolinfo', 'scm.coda.lab', 'vol01']), before);
  });
});

describe('lab down stops the tool service', function () {
  this.timeout(180_000);
  it('ends the service and its workers by pid and removes the socket', async () => {
    const dir = mkdtempSync('/tmp/cps-');
    try {
      const lab = await labUp({ dir, volumes: 1, files: 1, timeFactor: 0.02, clients: 0, newServers: 0 });
      assert.equal(run(lab, 'shim', 'scm', ['hostname']).stdout, 'scm.coda.lab\n');
      const pid = Number(readFileSync(servicePaths(dir).pidFile, 'utf8'));
      const pool = [...workers(lab).keys()];
      assert.ok(pool.length > 0);
      const { stopped } = await labDown({ dir });
      assert.ok(stopped.includes(`lab/toolsvc(${pid})`), stopped.join(' '));
      assert.equal(isAlive(pid), false);
      await until('the workers are gone', () => pool.every((p) => !isAlive(p)));
      assert.equal(existsSync(servicePaths(dir).socket), false);
    } finally {
      await labDown({ dir });
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
