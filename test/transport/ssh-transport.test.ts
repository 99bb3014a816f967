// Integration: the SSH transport against real OpenSSH sshd processes on loopback (nothing mocked).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chownSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { startSshCluster, type SshCluster } from '../helpers/ssh-cluster.js';
import { SshTransport } from '../../src/transport/ssh-transport.js';
import { TransportError } from '../../src/transport/transport.js';
import { createTransport } from '../../src/transport/create-transport.js';

function transportFor(c: SshCluster, name: string, over: Partial<{ knownHostsFile: string; acceptNewHostKeys: boolean }> = {}): SshTransport {
  const h = c.inventoryHost(name);
  return new SshTransport({ name, address: h.address, port: h.port, user: h.user, identityFile: h.identityFile, knownHostsFile: over.knownHostsFile ?? c.knownHostsPath, acceptNewHostKeys: over.acceptNewHostKeys ?? false });
}

async function rejectsWith(p: Promise<unknown>, phase: string, re: RegExp): Promise<void> {
  await assert.rejects(p, (err: unknown) => err instanceof TransportError && err.phase === phase && re.test(err.message));
}

describe('ssh transport (real sshd)', function () {
  let cluster: SshCluster;
  before(async () => { cluster = await startSshCluster(3); });
  after(async () => { await cluster?.stop(); });

  it('returns untrimmed output, exit code and signal, and feeds stdin', async () => {
    const t = transportFor(cluster, 'h1');
    try {
      assert.deepEqual(await t.exec("printf ' out \\n'; printf 'err\\n' >&2; exit 3"), { code: 3, signal: null, stdout: ' out \n', stderr: 'err\n' });
      assert.equal((await t.exec('kill -TERM $$')).signal, 'SIGTERM');
      assert.equal((await t.exec('cat', { stdin: 'hello\n' })).stdout, 'hello\n');
      assert.deepEqual(await t.exec("printf ' x'; exit 4", { timeoutMs: 5000 }), { code: 4, signal: null, stdout: ' x', stderr: '' }, 'a timed command keeps its status and clean stderr');
      assert.equal((await t.exec('cat', { stdin: 'in\n', timeoutMs: 5000 })).stdout, 'in\n');
      assert.match(t.hostKeyFingerprint ?? '', /^SHA256:[A-Za-z0-9+/]{43}$/);
    } finally { await t.close(); }
  });

  it('runs 20 commands at once on one connection (channels capped at 8)', async () => {
    const t = transportFor(cluster, 'h1');
    try {
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => t.exec(`sleep 0.1; echo ${i}`)));
      assert.deepEqual(results.map((r) => r.stdout.trim()), Array.from({ length: 20 }, (_, i) => String(i)));
    } finally { await t.close(); }
  });

  it('kills a command that exceeds its timeout, on the remote side', async () => {
    const t = transportFor(cluster, 'h1');
    const marker = `${cluster.dir}/sleeper.pid`;
    try {
      const started = Date.now();
      await rejectsWith(t.exec(`sleep 30 & echo $! > ${marker}; wait`, { timeoutMs: 500 }), 'timeout', /killed \(process group \d+\)/);
      assert.ok(Date.now() - started < 5000, 'the timeout fired promptly');
      const pid = readFileSync(marker, 'utf8').trim();
      await new Promise((r) => setTimeout(r, 300));
      // A zombie (state Z) is dead: a container's init may be slow to reap orphans.
      const check = await t.exec(`ps -o stat= -p ${pid} | grep -qv Z && echo alive || echo gone`);
      assert.equal(check.stdout.trim(), 'gone');
      assert.equal((await t.exec(`echo still usable`)).stdout, 'still usable\n');
    } finally { await t.close(); }
  });

  it('refuses an unknown host key, and records it only with accept-new', async () => {
    const empty = `${cluster.dir}/empty_known_hosts`;
    writeFileSync(empty, '');
    await rejectsWith(transportFor(cluster, 'h1', { knownHostsFile: empty }).exec('true'), 'hostkey', /unknown host key/);
    const t = transportFor(cluster, 'h1', { knownHostsFile: empty, acceptNewHostKeys: true });
    assert.equal((await t.exec('echo ok')).stdout, 'ok\n');
    await t.close();
    assert.match(readFileSync(empty, 'utf8'), /^\[127\.\d+\.\d+\.\d+\]:2222 ssh-ed25519 /);
    const again = transportFor(cluster, 'h1', { knownHostsFile: empty });
    assert.equal((await again.exec('echo again')).stdout, 'again\n');
    await again.close();
  });

  it('refuses a changed host key even with accept-new', async () => {
    const h1 = cluster.hosts[0]!;
    const h2 = cluster.hosts[1]!;
    const forged = `${cluster.dir}/forged_known_hosts`;
    writeFileSync(forged, `[${h1.address}]:${h1.port} ${h2.hostPublicKey}\n`);
    await rejectsWith(transportFor(cluster, 'h1', { knownHostsFile: forged, acceptNewHostKeys: true }).exec('true'), 'hostkey', /HOST KEY CHANGED .*forged_known_hosts:1/);
    assert.equal(readFileSync(forged, 'utf8').split('\n').filter(Boolean).length, 1, 'the changed key was not added');
  });

  it('reads and writes files atomically, keeping the mode and a backup', async () => {
    const t = transportFor(cluster, 'h2');
    const path = `${cluster.dir}/file.txt`;
    try {
      assert.equal(await t.readFile(path), null);
      await t.writeFileAtomic(path, 'one\n', { mode: 0o640 });
      const { backupPath } = await t.writeFileAtomic(path, 'two\n', { backup: true });
      assert.equal((await t.readFile(path))?.toString(), 'two\n');
      assert.equal((await t.stat(path)).mode, 0o640);
      assert.ok(backupPath);
      assert.equal((await t.readFile(backupPath!))?.toString(), 'one\n');
      assert.match(backupPath!, /file\.txt\.\d{8}T\d{6}\.bak$/);
      await t.writeFileAtomic(`${cluster.dir}/wide.txt`, Buffer.from([0, 255]), { mode: 0o664 });
      assert.equal((await t.stat(`${cluster.dir}/wide.txt`)).mode, 0o664, 'the mode asked for, whatever the umask');
      await assert.rejects(t.writeFileAtomic(`${cluster.dir}/no/such/dir/f`, 'x'), (e: unknown) => e instanceof TransportError && e.phase === 'sftp');
      assert.deepEqual(readdirSync(cluster.dir).filter((f) => f.includes('codaplay-')), [], 'no temp file left behind');
    } finally { await t.close(); }
  });

  it('accepts a hashed [host]:port entry written by ssh-keygen -H', async () => {
    const file = `${cluster.dir}/hashed_known_hosts`;
    writeFileSync(file, `# comment\nother.example ${cluster.hosts[1]!.hostPublicKey}\n${cluster.hosts[0]!.knownHostsLine}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
    assert.ok(!readFileSync(file, 'utf8').includes(cluster.hosts[0]!.address), 'the file is hashed');
    const t = transportFor(cluster, 'h1', { knownHostsFile: file });
    try {
      assert.equal((await t.exec('echo ok')).stdout, 'ok\n');
      assert.equal(t.remoteUser, cluster.user);
      const keygen = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${cluster.dir}/h1/ssh_host_ed25519_key.pub`], { encoding: 'utf8' });
      assert.equal(t.hostKeyFingerprint, keygen.split(' ')[1]);
    } finally { await t.close(); }
  });

  it('keeps the owner of an existing file', async function () {
    if (process.getuid?.() !== 0) this.skip(); // only root can give a file away
    const t = transportFor(cluster, 'h2');
    const path = `${cluster.dir}/owned.txt`;
    writeFileSync(path, 'x', { mode: 0o600 });
    chownSync(path, 65534, 65534);
    try {
      await t.writeFileAtomic(path, 'y');
      const s = statSync(path);
      assert.deepEqual([s.uid, s.gid, s.mode & 0o777], [65534, 65534, 0o600]);
    } finally { await t.close(); }
  });

  it('talks to a spawned command as it runs', async () => {
    const t = transportFor(cluster, 'h2');
    try {
      const p = await t.spawn('printf "name? "; read n; echo "hi $n"');
      const seen: string[] = [];
      p.onOutput((c) => seen.push(c));
      while (!seen.join('').includes('name?')) await new Promise((r) => setTimeout(r, 20));
      p.write('ann\n');
      const r = await p.result;
      assert.deepEqual([r.code, r.stdout], [0, 'name? hi ann\n']);
    } finally { await t.close(); }
  });

  it('reports an sshd stopped mid-run: the running command fails, then connecting fails', async () => {
    const h3 = cluster.hosts[2]!;
    const t = transportFor(cluster, 'h3');
    assert.equal((await t.exec('echo up')).stdout, 'up\n');
    const running = t.exec('sleep 20').catch((err: unknown) => err);
    await new Promise((r) => setTimeout(r, 300));
    await h3.stop();
    const err = await running;
    assert.ok(err instanceof TransportError && err.phase === 'exec' && /connection lost/.test(err.message), String(err));
    await rejectsWith(t.exec('true'), 'connect', /cannot connect/);
    await t.close();
  });

  it('reports a closed port as a connect failure', async () => {
    const t = createTransport({ ...cluster.inventoryHost('h2'), port: 1 }, { acceptNewHostKeys: false });
    await rejectsWith(t.exec('true'), 'connect', /cannot connect/);
  });
});
