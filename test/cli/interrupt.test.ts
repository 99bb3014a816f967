// Ctrl-C at any moment: the compiled CLI gets SIGINT while it loads, while it connects, and during a run's task;
// each time it ends with exit 99 and one line on stderr, never killed by the signal. The moments count from when
// the process is named codaplay (main.ts sets the title right after installing its handler, before loading
// anything): earlier than that is Node's own start-up, which no JavaScript can intercept.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSshCluster, type SshCluster } from '../helpers/ssh-cluster.js';
import { cliProcess, writeInventory } from './cli-fixtures.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Wait until the process has installed its SIGINT handler (it renames itself codaplay just after). */
async function untilHandled(pid: number): Promise<void> {
  // A liveness bound, not a timing assertion: without the early handler the process never names itself.
  for (const until = Date.now() + 60_000; Date.now() < until;) {
    let comm = '';
    try { comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim(); } catch { /* not there yet */ }
    if (comm === 'codaplay') return;
    await sleep(2);
  }
  assert.fail('the CLI never named itself codaplay (main.ts sets the title once its SIGINT handler is in place)');
}

function stderrLines(stderr: unknown): string[] {
  return String(stderr).split('\n').filter((l) => l.trim() !== '');
}

describe('Ctrl-C at any moment (compiled CLI)', function () {
  let dir: string;
  let silent: Server;
  const sockets: Socket[] = [];
  let inventory: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cpint-'));
    // A host whose port accepts TCP and never says a word: connecting hangs until Ctrl-C.
    silent = createServer((s) => { sockets.push(s); });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    inventory = join(dir, 'inv.yaml');
    writeFileSync(inventory, `all:\n  hosts:\n    mute:\n      address: 127.0.0.1\n      port: ${port}\n      known_hosts_file: ${join(dir, 'known_hosts')}\n`);
    writeFileSync(join(dir, 'pb.yaml'), '- name: P\n  hosts: all\n  tasks:\n    - name: T\n      command:\n        cmd: "true"\n');
  });
  after(async () => {
    sockets.forEach((s) => s.destroy());
    await new Promise((r) => silent.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  const moments: [string, string[], number][] = [
    ['ping, at once', ['ping', '-i', '<inv>', '-F', 'none'], 0],
    ['ping, 50 ms in', ['ping', '-i', '<inv>', '-F', 'none'], 50],
    ['ping, 200 ms in', ['ping', '-i', '<inv>', '-F', 'none'], 200],
    ['ping, 500 ms in', ['ping', '-i', '<inv>', '-F', 'none'], 500],
    ['run, at once', ['run', '<pb>', '-i', '<inv>', '-F', 'none'], 0],
    ['validate, at once', ['validate', '<pb>', '-i', '<inv>'], 0],
    ['lab --help, at once', ['lab', '--help'], 0],
  ];
  for (const [name, args, delay] of moments) {
    it(`${name}: exit 99 and one line`, async () => {
      const p = cliProcess(args.map((a) => a.replace('<inv>', inventory).replace('<pb>', join(dir, 'pb.yaml'))));
      await untilHandled(p.pid!);
      await sleep(delay);
      p.kill('SIGINT');
      const r = await p;
      assert.equal(r.signal, undefined, 'not killed by the signal');
      assert.equal(r.exitCode, 99, String(r.stderr));
      assert.deepEqual(stderrLines(r.stderr), ['codaplay: interrupted (Ctrl-C): stopped before finishing']);
    });
  }

  describe('during a run', () => {
    let c: SshCluster;
    before(async () => { c = await startSshCluster(1); });
    after(async () => { await c?.stop(); });

    it('lets the running task finish, starts nothing else, exit 99 with one line on stderr', async () => {
      const inv = writeInventory(c, join(c.dir, 'inv.yaml'));
      const started = join(c.dir, 'started');
      const after = join(c.dir, 'after');
      const pb = join(c.dir, 'pb.yaml');
      writeFileSync(pb, `- name: Long\n  hosts: h1\n  tasks:\n    - name: Sleep\n      shell:\n        cmd: "touch ${started}; sleep 2"\n    - name: Must not run\n      command:\n        cmd: touch ${after}\n`);
      const p = cliProcess(['run', pb, '-i', inv, '-F', 'none']);
      while (!existsSync(started)) await sleep(10);
      p.kill('SIGINT');
      const r = await p;
      assert.equal(r.exitCode, 99, String(r.stdout) + String(r.stderr));
      assert.equal(stderrLines(r.stderr).length, 1, String(r.stderr));
      assert.match(String(r.stderr), /interrupted/);
      assert.match(String(r.stdout), /PLAY RECAP/);
      assert.ok(!existsSync(after), 'the next task did not start');
    });
  });
});
