import assert from 'node:assert/strict';
import { activeReplicas, groupIdOf, parseGetVolInfo, type VolInfo } from '../../../src/coda/parsers/index.js';
import { fixture } from './fixture.js';

function info(name: string): VolInfo {
  const r = parseGetVolInfo(fixture(name));
  assert.ok(r.ok, r.ok ? '' : r.error);
  assert.equal(r.value.kind, 'info');
  return r.value as VolInfo;
}

describe('coda parsers: getvolinfo output', () => {
  const answers: { file: string; asked: string; host: string; volumeId: number; type: number; group: number; count: number; active: [number, string][] }[] = [
    { file: 'getvolinfo-root.txt', asked: '/', host: 'scm1.coda.test', volumeId: 0x7f000000, type: 3, group: 0x7f000000, count: 1, active: [[0x01000001, '10.77.0.1']] },
    { file: 'getvolinfo-replica-root.txt', asked: '/.0', host: 'scm1.coda.test', volumeId: 0x01000001, type: 0, group: 0x7f000000, count: 1, active: [[0, '10.77.0.1']] },
    { file: 'getvolinfo-seedvol-2.txt', asked: 'seedvol', host: 'scm1.coda.test', volumeId: 0x7f000001, type: 3, group: 0x7f000001, count: 2, active: [[0x01000002, '10.77.0.1'], [0x02000001, '10.77.0.2']] },
    { file: 'getvolinfo-srv2-before-sync.txt', asked: 'seedvol', host: 'srv2.coda.test', volumeId: 0x7f000001, type: 3, group: 0x7f000001, count: 1, active: [[0x01000002, '10.77.0.1']] },
    { file: 'getvolinfo-loopback.txt', asked: 'lovol', host: 'lo1.coda.test', volumeId: 0x7f000000, type: 3, group: 0x7f000000, count: 1, active: [[0x01000001, '127.0.0.2']] },
    { file: 'getvolinfo-unknown-type.txt', asked: 'plain', host: 'scm1.coda.test', volumeId: 0x03000001, type: 4, group: 0, count: 1, active: [[0x03000001, '10.77.0.3']] },
  ];
  for (const a of answers) {
    it(a.file, () => {
      const v = info(a.file);
      assert.deepEqual([v.asked, v.host, v.port, v.volumeId, v.type, groupIdOf(v), v.serverCount, v.replicas.length, v.vsgAddr], [a.asked, a.host, 2432, a.volumeId, a.type, a.group, a.count, 8, 0]);
      assert.deepEqual(activeReplicas(v).map((r) => [r.id, r.ip]), a.active);
      assert.deepEqual(v.replicas.slice(a.count).map((r) => [r.id, r.ip]), Array(8 - a.count).fill([0, '0.0.0.0']));
    });
  }

  const failures: { file: string; kind: string; host: string; asked?: string; code?: number; rpc2?: string }[] = [
    { file: 'getvolinfo-hexid-603.txt', kind: 'call-failed', host: 'scm1.coda.test', asked: '7f000000', code: 603 },
    { file: 'getvolinfo-nosuchvol.txt', kind: 'call-failed', host: 'scm1.coda.test', asked: 'nosuchvol', code: 603 },
    { file: 'getvolinfo-server-down.txt', kind: 'bind-failed', host: 'srv2.coda.test', rpc2: 'RPC2_NOBINDING' },
  ];
  for (const f of failures) {
    it(f.file, () => {
      const r = parseGetVolInfo(fixture(f.file));
      assert.ok(r.ok && r.value.kind !== 'info');
      const v = r.value;
      assert.deepEqual([v.kind, v.host, v.port, v.asked, v.error.code?.code, v.error.rpc2], [f.kind, f.host, 2432, f.asked, f.code, f.rpc2]);
      if (f.code === 603) assert.match(v.error.meaning, /^VNOVOL/);
    });
  }

  const unreadable: [string, RegExp][] = [
    ['getvolinfo-excerpt-decimal.txt', /^line 6: expected Type0, found "\(end of output\)"$/],
    ['getvolinfo-excerpt-twovol.txt', /^line 1: expected "RPC2 connection to/],
  ];
  for (const [file, error] of unreadable) {
    it(`an excerpt is a parse error with its line: ${file}`, () => {
      const r = parseGetVolInfo(fixture(file));
      assert.ok(!r.ok);
      assert.match(r.error, error);
    });
  }

  it('empty output is an error', () => assert.ok(!parseGetVolInfo('').ok));
});
