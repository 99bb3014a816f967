// venus and its tools in a live lab cell: cfs checkservers names a down server (exit 0 either way), and the
// disconnectAfter knob cuts a walk short (ls reports Connection timed out, exit 1) until cfs reconnect lets a
// rewalk complete.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { labUp, type LabCell } from '../../helpers/lab-cell.js';

describe('venus in a live lab cell', function () {
  this.timeout(180_000);
  let cell: LabCell;
  before(async () => { cell = await labUp(['--volumes', '1', '--files', '6']); });
  after(async () => { await cell?.down(); });

  it('cfs checkservers: all up, then names the down server; exit 0 both times', async () => {
    assert.deepEqual(cell.tool('client1', 'cfs', ['cs']), { code: 0, stdout: 'Contacting servers .....\nAll servers up\n', stderr: '' });
    await cell.fault('scm', 'down');
    try {
      const r = cell.tool('client1', 'cfs', ['checkservers']);
      assert.equal(r.code, 0);
      assert.equal(r.stdout, 'Contacting servers .....\nThese servers still down:  scm.coda.lab\n');
    } finally { await cell.clearFaults('scm'); }
  });

  it('disconnectAfter 3: a partial walk with errors; cfs reconnect and a rewalk completes', async () => {
    const realm = join(cell.dir, 'client1', 'coda', 'coda.lab');
    await cell.fault('client1', 'disconnectAfter=3');
    const cut = cell.tool('client1', 'ls', ['-lR', realm]);
    assert.equal(cut.code, 1, cut.stderr);
    assert.match(cut.stderr, /ls: cannot access '[^']+': Connection timed out/);
    assert.equal(cell.tool('client1', 'cfs', ['reconnect']).code, 0);
    const whole = cell.tool('client1', 'ls', ['-lR', realm]);
    assert.equal(whole.stderr, '');
    assert.equal(whole.code, 0);
    assert.match(whole.stdout, /file6\.txt/);
  });
});
