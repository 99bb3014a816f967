// The SCM's journal is written in the background (journal.ts): entries are appended in the order they were queued,
// every read waits for the queue, and a write that failed is reported by the next journalWritten() (the lock
// release awaits it), not lost.
import assert from 'node:assert/strict';
import { appendJournal, journalPath, journalWritten, readJournal } from '../../../src/coda/modules/journal.js';
import { MemoryTransport, moduleContext } from '../../helpers/fake-transport.js';

/** A transport whose `cat >> <journal>` appends its stdin to the in-memory file, after a delay. */
function scmWithJournal(fail = false): MemoryTransport {
  const t: MemoryTransport = new MemoryTransport('scm', () => ({}));
  t.exec = async (command, options = {}) => {
    t.commands.push(command);
    await new Promise((r) => setTimeout(r, 20));
    if (fail) return { code: 1, signal: null, stdout: '', stderr: 'cat: No space left on device' };
    const path = journalPath('/vice');
    t.files.set(path, (t.files.get(path) ?? '') + (options.stdin ?? ''));
    return { code: 0, signal: null, stdout: '', stderr: '' };
  };
  return t;
}

describe('coda journal queue (fake transport)', () => {
  it('appends in queue order, returns before the write, and a read sees every queued entry', async () => {
    const scm = scmWithJournal();
    const ctx = moduleContext(scm, { vars: { codaplay_run_id: 'run-1' } });
    await appendJournal(ctx, scm, '/vice', [{ step: 'servers-entry', host: 'new1' }]);
    await appendJournal(ctx, scm, '/vice', [{ step: 'create_rep', volume: 'vol1' }, { step: 'create_rep', volume: 'vol2' }]);
    assert.equal(scm.files.get(journalPath('/vice')), undefined, 'queued, not yet written when appendJournal returns');
    const entries = await readJournal(scm, '/vice');
    assert.deepEqual(entries.map((e) => [e.step, e.volume ?? e.host, e.run]), [['servers-entry', 'new1', 'run-1'], ['create_rep', 'vol1', 'run-1'], ['create_rep', 'vol2', 'run-1']]);
    await journalWritten();
  });

  it('a failed write surfaces once in journalWritten, naming the file and the host', async () => {
    const scm = scmWithJournal(true);
    await appendJournal(moduleContext(scm), scm, '/vice', [{ step: 'vrlist', volume: 'vol1' }]);
    await assert.rejects(journalWritten(), /cannot append to \/vice\/codaplay\/journal\.jsonl on scm: cat: No space left on device/);
    await journalWritten();
  });
});
