// The local transport (connection: local): same contract as SSH, on the control node.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalTransport } from '../../src/transport/local-transport.js';
import { TransportError } from '../../src/transport/transport.js';

describe('local transport', () => {
  const t = new LocalTransport('control');
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'cplocal-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('returns untrimmed output, exit code, signal and stdin', async () => {
    assert.deepEqual(await t.exec("printf ' out \\n'; printf 'err\\n' >&2; exit 3"), { code: 3, signal: null, stdout: ' out \n', stderr: 'err\n' });
    assert.equal((await t.exec('kill -TERM $$')).signal, 'SIGTERM');
    assert.equal((await t.exec('cat', { stdin: 'x\n' })).stdout, 'x\n');
  });

  it('kills a command (and its children) on timeout', async () => {
    const marker = join(dir, 'pid');
    await assert.rejects(t.exec(`sleep 30 & echo $! > ${marker}; wait`, { timeoutMs: 300 }), (e: unknown) => e instanceof TransportError && e.phase === 'timeout');
    await new Promise((r) => setTimeout(r, 200));
    const pid = Number(readFileSync(marker, 'utf8'));
    const state = (() => { try { return readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2]; } catch { return 'gone'; } })();
    assert.ok(state === 'gone' || state === 'Z', `child sleep is ${state}`);
  });

  it('reads, stats and writes atomically, keeping the mode, with a backup', async () => {
    const path = join(dir, 'f.txt');
    assert.equal(await t.readFile(path), null);
    assert.deepEqual(await t.stat(path), { exists: false });
    await t.writeFileAtomic(path, 'one\n', { mode: 0o640 });
    assert.equal(statSync(path).mode & 0o777, 0o640);
    const { backupPath } = await t.writeFileAtomic(path, Buffer.from('two\n'), { backup: true, mode: 0o600 });
    assert.equal(readFileSync(path, 'utf8'), 'two\n');
    assert.equal(readFileSync(backupPath!, 'utf8'), 'one\n');
    assert.match(backupPath!, /\.\d{8}T\d{6}\.bak$/);
    assert.equal((await t.stat(path)).mode, 0o640);
    writeFileSync(join(dir, 'g'), '');
    assert.equal((await t.stat(dir)).isDirectory, true);
  });
});
