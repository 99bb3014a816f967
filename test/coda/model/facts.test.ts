// The cell model's pure parts: reading codasrv's state, file equality with predicted tokens, the ids create_rep
// would hand out, a down server's replicas from the SCM's cached list.
import assert from 'node:assert/strict';
import { codasrvFromProbe } from '../../../src/coda/model/cell.js';
import { afterCreateRep, afterServersChanged, afterStart, highestId, listKey, replicasOfList, sameFile, volumesFromCache, type FileFact } from '../../../src/coda/model/facts.js';

describe('cell model facts', () => {
  const probes: [string, string, { running: boolean; stale: boolean; pid: number | null }][] = [
    ['running, servers older than the pid file', 'running=77\npid_mtime=200.5\nservers_mtime=100.0\n', { running: true, stale: false, pid: 77 }],
    ['running, servers changed after start', 'running=77\npid_mtime=100.0\nservers_mtime=200.0\n', { running: true, stale: true, pid: 77 }],
    ['not running (stale pid file)', 'running=\npid_mtime=100.0\nservers_mtime=200.0\n', { running: false, stale: false, pid: null }],
    ['bare host: nothing there', 'running=\npid_mtime=\nservers_mtime=\n', { running: false, stale: false, pid: null }],
  ];
  for (const [name, text, want] of probes) {
    it(`codasrv probe: ${name}`, () => {
      const f = codasrvFromProbe(text);
      assert.deepEqual({ running: f.running, stale: f.stale, pid: f.pid }, want);
      assert.equal(f.answering, want.running);
    });
  }

  it('a predicted start never answers; a predicted restart of a running server still does', () => {
    const down = codasrvFromProbe('running=\n');
    assert.deepEqual(afterStart(down), { running: true, answering: false, pid: null, stale: false, predicted: true });
    const up = afterServersChanged(codasrvFromProbe('running=5\npid_mtime=2\nservers_mtime=1\n'));
    assert.equal(up.stale, true);
    assert.equal(afterStart(up).answering, true);
    assert.equal(afterServersChanged(down).stale, false, 'a stopped server reads the new file when it starts');
  });

  const files: [string, FileFact, FileFact, boolean][] = [
    ['same bytes', { data: Buffer.from('a'), predicted: false }, { data: Buffer.from('a'), predicted: true }, true],
    ['different bytes', { data: Buffer.from('a'), predicted: false }, { data: Buffer.from('b'), predicted: false }, false],
    ['both missing', { data: null, predicted: false }, { data: null, predicted: false }, true],
    ['missing vs present', { data: null, predicted: false }, { data: Buffer.from(''), predicted: false }, false],
    ['predicted rebuild vs the old bytes', { data: null, token: 'VRDB made from: x', predicted: true }, { data: Buffer.from('x'), predicted: false }, false],
    ['the same predicted rebuild', { data: null, token: 't', predicted: true }, { data: null, token: 't', predicted: true }, true],
  ];
  for (const [name, a, b, same] of files) it(`sameFile: ${name}`, () => assert.equal(sameFile(a, b), same));

  it('create_rep ids: a fresh server starts at id<<24 + 1, a used one after its MaxVolId', () => {
    const fresh = volumesFromCache(2, null);
    assert.equal(fresh.source, 'none');
    const one = afterCreateRep(fresh, 'vol01.1');
    const two = afterCreateRep(one.fact, 'vol02.1');
    assert.deepEqual([one.id, two.id], [0x02000001, 0x02000002]);
    assert.ok(two.fact.replicas.every((r) => r.predicted));
    assert.equal(highestId(2, [{ name: 'x', id: 0x02000007, diskUsed: 0, predicted: false }], 0x02000005), 0x02000007);
    assert.equal(highestId(2, [], 0x02000009), 0x02000009);
  });

  it('a server that does not answer is its cached getvolumelist', () => {
    const cached = replicasOfList('P/vicepa Hnew1 T10 F10\nWvol01.1 I2000003 H2 P/vicepa m0 M0 U4 W2000003 C1 D1 B0 A0\n');
    const v = volumesFromCache(2, cached);
    assert.equal(v.source, 'cached list');
    assert.equal(afterCreateRep(v, 'vol02.1').id, 0x02000004);
    assert.equal(listKey(v.replicas), 'vol01.1:02000003');
    assert.equal(replicasOfList('GetVolumeList failed with RPC2_NOBINDING (F)\n'), null);
  });
});
