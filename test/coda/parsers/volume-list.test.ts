import assert from 'node:assert/strict';
import { findListedVolume, parseVolumeList, volumesNamed } from '../../../src/coda/parsers/index.js';
import { fixture } from './fixture.js';

describe('coda parsers: getvolumelist output', () => {
  const lists: { file: string; partitions: [string, string, number, number][]; volumes: [string, string, number, number, string, number][]; finished: boolean }[] = [
    { file: 'getvolumelist-file.txt', partitions: [['/vicepa', 'scm1.coda.test', 0x6576580, 0x4e6b7e0]], volumes: [['W', '/.0', 0x1000001, 1, '/vicepa', 2]], finished: false },
    { file: 'getvolumelist-stdout-stderr.txt', partitions: [['/vicepa', 'scm1.coda.test', 0x6576580, 0x4e6b7e0]], volumes: [['W', '/.0', 0x1000001, 1, '/vicepa', 2]], finished: true },
    { file: 'getvolumelist-srv2.txt', partitions: [['/vicepa', 'srv2.coda.test', 0x6576580, 0x4e62ee4]], volumes: [['W', 'seedvol.1', 0x2000001, 2, '/vicepa', 2], ['W', 'twovol.1', 0x2000002, 2, '/vicepa', 2]], finished: true },
    { file: 'getvolumelist-srv2-stdout.txt', partitions: [['/vicepa', 'srv2.coda.test', 0x6576580, 0x4e62ee4]], volumes: [['W', 'seedvol.1', 0x2000001, 2, '/vicepa', 2], ['W', 'twovol.1', 0x2000002, 2, '/vicepa', 2]], finished: false },
    { file: 'getvolumelist-loopback.txt', partitions: [['/vicepa', 'lo1.coda.test', 0x6576580, 0x4e5a608]], volumes: [['W', 'lovol.0', 0x1000001, 1, '/vicepa', 2]], finished: false },
    { file: 'getvolumelist-wiki.txt', partitions: [], volumes: [['W', 'tmp_root.1', 0x2000016, 2, '/vicepa', 2]], finished: false },
  ];
  for (const c of lists) {
    it(c.file, () => {
      const r = parseVolumeList(fixture(c.file));
      assert.ok(r.ok, r.ok ? '' : r.error);
      assert.deepEqual(r.value.partitions.map((p) => [p.partition, p.host, p.totalBlocks, p.freeBlocks]), c.partitions);
      assert.deepEqual(r.value.volumes.map((v) => [v.type, v.name, v.id, v.serverId, v.partition, v.diskUsed]), c.volumes);
      assert.equal(r.value.finished, c.finished);
    });
  }

  it('reads every field of a volume line', () => {
    const r = parseVolumeList(fixture('getvolumelist-srv2.txt'));
    assert.ok(r.ok);
    assert.deepEqual(findListedVolume(r.value, 'twovol.1'), {
      line: 4, type: 'W', name: 'twovol.1', id: 0x2000002, serverId: 2, partition: '/vicepa', minQuota: 0, maxQuota: 0, diskUsed: 2,
      parentId: 0x2000002, created: 0x6b04ee4b, copyDate: 0x6b04ee4b, backupDate: 0, weekUse: 0,
    });
    assert.equal(findListedVolume(r.value, 0x2000001)?.name, 'seedvol.1');
    assert.deepEqual(volumesNamed(r.value, 'seedvol').map((v) => v.name), ['seedvol.1']);
    assert.deepEqual(volumesNamed(r.value, 'seed'), []);
  });

  it('a server that is down is an error with the meaning of RPC2_NOBINDING', () => {
    const r = parseVolumeList(fixture('getvolumelist-server-down.txt'));
    assert.ok(!r.ok);
    assert.equal(r.line, 2);
    assert.match(r.error, /RPC2_NOBINDING \(F\) \(the server is not running/);
  });

  it('an unknown line is an error with its line number', () => {
    const r = parseVolumeList('P/vicepa Hx T1 F1\nWbroken I1\n');
    assert.deepEqual(r, { ok: false, error: 'line 2: not a getvolumelist line: "Wbroken I1"', line: 2 });
  });
});
