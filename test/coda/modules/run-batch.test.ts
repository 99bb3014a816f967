// runBatch at scale: sshd passes the command line to the shell as one argument, and Linux refuses one over
// 128 KiB, so a batch of 1,000 create_reps must go out in several scripts, each small, with every part's answer
// still in the order of the commands.
import assert from 'node:assert/strict';
import { BATCH_SCRIPT_BYTES, runBatch, scriptChunks } from '../../../src/coda/modules/coda-command.js';
import { MemoryTransport, moduleContext } from '../../helpers/fake-transport.js';

const LINE = /^\{ (.*) ; \} 2>&1; printf '\\n(\S+) (\d+) %d\\n' \$\?$/;

describe('runBatch with many commands', () => {
  it('splits 1,000 volutil calls into scripts under the argument limit, answers in order', async () => {
    const scripts: string[] = [];
    const host = new MemoryTransport('scm', (script) => {
      scripts.push(script);
      const parts = script.split('\n').map((l) => LINE.exec(l)).filter((m): m is RegExpExecArray => m !== null);
      return { stdout: parts.map((m) => `${/(vol\d+)\.1/.exec(m[1]!)![1]}\n${m[2]} ${m[3]} 0\n`).join('') };
    });
    const commands = Array.from({ length: 1000 }, (_, i) => `volutil -h new1.coda.lab create_rep /vicepa vol${i}.1 7f${String(i).padStart(6, '0')}`);
    const parts = await runBatch(moduleContext(host), commands);
    assert.equal(parts.length, 1000);
    parts.forEach((p, i) => { assert.equal(p.code, 0); assert.equal(p.output.trim(), `vol${i}`); });
    assert.ok(scripts.length > 1, 'one script would be over 128 KiB');
    for (const s of scripts) assert.ok(Buffer.byteLength(s) < BATCH_SCRIPT_BYTES + 1024, `script of ${Buffer.byteLength(s)} bytes`);
  });

  it('keeps a small batch in one script and never makes an empty chunk', () => {
    assert.deepEqual(scriptChunks(['a', 'b', 'c']), [['a', 'b', 'c']]);
    const big = 'x'.repeat(200);
    assert.deepEqual(scriptChunks([big, big, 'y'], 100), [[big], [big], ['y']]);
    assert.deepEqual(scriptChunks([]), []);
  });
});
