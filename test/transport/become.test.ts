// become over real sshd. sudo itself is replaced by a recording stand-in first on the host's PATH (set by
// sshd's SetEnv), which checks the password line on stdin, so the test can prove the password never reaches argv.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSshCluster, type SshCluster } from '../helpers/ssh-cluster.js';
import { BecomeTransport, wrapBecome } from '../../src/transport/become.js';
import { createTransport } from '../../src/transport/create-transport.js';
import type { Transport } from '../../src/transport/transport.js';

const FAKE_SUDO = `#!/bin/sh
echo "$*" >> "$(dirname "$0")/argv.log"
opts=""
while [ "$1" != "--" ]; do opts="$opts $1"; shift; done; shift
case "$opts" in *-S*) IFS= read -r pw; [ "$pw" = "s3cret pw" ] || { echo "sudo: wrong password" >&2; exit 1; } ;; esac
exec "$@"
`;

describe('become (sudo) over real sshd', () => {
  let cluster: SshCluster;
  // The PATH must be known before sshd starts, so the stand-in lives in its own temp dir.
  const bin = mkdtempSync(join(tmpdir(), 'cpsudo-'));
  before(async () => {
    cluster = await startSshCluster(1, { setEnv: () => ({ PATH: `${bin}:/usr/local/bin:/usr/bin:/bin` }) });
  });
  after(async () => {
    await cluster?.stop();
    rmSync(bin, { recursive: true, force: true });
  });

  writeFileSync(join(bin, 'sudo'), FAKE_SUDO);
  chmodSync(join(bin, 'sudo'), 0o755);

  const inner = (): Transport => createTransport(cluster.inventoryHost('h1'), { acceptNewHostKeys: false });

  it('never puts the password in the command line', () => {
    const { command, stdinPrefix } = wrapBecome('id -u', { password: "p'w $x" });
    assert.ok(!command.includes('p\'w'), command);
    assert.equal(stdinPrefix, "p'w $x\n");
    assert.throws(() => wrapBecome('true', { password: 'a\nb' }));
  });

  it('runs through sudo -S for another user with the password on stdin, and the command still gets its stdin', async () => {
    const t = new BecomeTransport(inner(), { password: 's3cret pw', user: 'nobody' });
    try {
      const r = await t.exec('cat; echo " ran"', { stdin: 'input' });
      assert.deepEqual(r, { code: 0, signal: null, stdout: 'input ran\n', stderr: '' });
      const argv = readFileSync(join(bin, 'argv.log'), 'utf8');
      assert.match(argv, /^-k -S -p {2}-u nobody -- \/bin\/sh -c /m);
      assert.ok(!argv.includes('s3cret'), 'password not in argv');
      const bad = await new BecomeTransport(inner(), { password: 'wrong', user: 'nobody' }).exec('echo no');
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /wrong password/);
    } finally { await t.close(); }
  });

  it('uses sudo -n without a password', async () => {
    const t = new BecomeTransport(inner(), { user: 'nobody' });
    try {
      assert.equal((await t.exec('echo hi')).stdout, 'hi\n');
      assert.match(readFileSync(join(bin, 'argv.log'), 'utf8'), /^-n -u nobody -- /m);
    } finally { await t.close(); }
  });

  it('reads, stats and writes files through the become shell, byte-exact, with a backup', async () => {
    const t = new BecomeTransport(inner(), { password: 's3cret pw' });
    const path = join(cluster.dir, 'become file');
    const bytes = Buffer.from([0, 1, 2, 255, 10, 39, 34]);
    try {
      assert.equal(await t.readFile(path), null);
      assert.deepEqual(await t.stat(path), { exists: false });
      assert.deepEqual(await t.writeFileAtomic(path, bytes, { mode: 0o600 }), {});
      assert.deepEqual(await t.readFile(path), bytes);
      const { backupPath } = await t.writeFileAtomic(path, 'new\n', { backup: true, mode: 0o644 });
      assert.equal(readFileSync(path, 'utf8'), 'new\n');
      assert.deepEqual(readFileSync(backupPath!), bytes);
      const s = await t.stat(path);
      assert.equal(s.mode, 0o600, 'kept the mode of the existing file');
      assert.equal(s.size, 4);
      assert.equal((await t.stat(cluster.dir)).isDirectory, true);
    } finally { await t.close(); }
  });
});
