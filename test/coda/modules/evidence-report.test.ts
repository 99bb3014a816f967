// The evidence report's pass/fail rules and wording, and the FTREEDB record count it rests on.
import assert from 'node:assert/strict';
import { containersPerVolume } from '../../../src/coda/parsers/index.js';
import { clientCommands, formatEvidence, SHOWN_ROWS, type ReplicaEvidence, type VolumeEvidence } from '../../../src/coda/modules/evidence-report.js';

function ftreedb(records: [lnk: number, volume: number][]): Buffer {
  const buf = Buffer.alloc(records.length * 24);
  records.forEach(([lnk, volume], i) => [lnk, volume, 3, 4, 1, 0x7ee5].forEach((n, j) => buf.writeUInt32LE(n >>> 0, i * 24 + j * 4)));
  return buf;
}

describe('FTREEDB containers per volume', () => {
  it('counts in-use records by volume id; zeroed (freed) slots and a torn tail do not count', () => {
    const db = Buffer.concat([ftreedb([[1, 0x1000002], [0, 0], [1, 0x1000002], [2, 0x2000002]]), Buffer.alloc(10)]);
    assert.deepEqual([...containersPerVolume(db)], [[0x1000002, 2], [0x2000002, 1]]);
  });
  it('an empty FTREEDB (a replica holding only directories) has none', () => {
    assert.equal(containersPerVolume(Buffer.alloc(0)).size, 0);
  });
});

const replica = (over: Partial<ReplicaEvidence> = {}): ReplicaEvidence => ({
  server: 'new1.coda.lab', slot: 1, id: '02000002', getvolinfo: [{ server: 'scm.coda.lab', ok: true, count: 2 }, { server: 'new1.coda.lab', ok: true, count: 2 }],
  vldb: true, whereis: [{ client: 'client1', ok: true }], containers: 3, ...over,
});
const volume = (files: number | null, r: Partial<ReplicaEvidence> = {}): VolumeEvidence => ({ volume: 'vol01', count: 2, files, filesFrom: 'FTREEDB of scm.coda.lab, replica 01000002', replicas: [replica(r)] });
const server = { host: 'new1', name: 'new1.coda.lab', id: 2, ip: '127.0.0.20', ftreedbBefore: 0, ftreedbAfter: 72 };
const withClient = { clients: ['client1'], realm: 'coda.lab', mountpoint: '/coda' };
const noClient = { clients: [], realm: 'coda.lab', mountpoint: '/coda' };

describe('evidence report', () => {
  const cases: { name: string; v: VolumeEvidence; setting: typeof withClient; fails: RegExp | null; verdict: RegExp; warns: boolean }[] = [
    { name: 'files copied', v: volume(3), setting: withClient, fails: null, verdict: /copied \(3\/3 file\(s\)\)/, warns: false },
    { name: 'an empty volume passes although nothing grew', v: volume(0, { containers: 0 }), setting: withClient, fails: null, verdict: /empty \(nothing to copy\)/, warns: false },
    { name: 'files that did not reach the new replica fail', v: volume(3, { containers: 0 }), setting: withClient, fails: /vol01: 3 file\(s\) on the existing replica .* but 0 container\(s\) of 02000002 in new1\.coda\.lab's FTREEDB/, verdict: /MISSING \(0\/3/, warns: false },
    { name: 'a partial copy fails', v: volume(3, { containers: 2 }), setting: withClient, fails: /but 2 container\(s\)/, verdict: /MISSING \(2\/3/, warns: false },
    { name: 'unknown files and no container: unproven, fails', v: volume(null, { containers: 0 }), setting: withClient, fails: /cannot tell whether the existing replica holds files/, verdict: /UNPROVEN/, warns: false },
    { name: 'unreadable new FTREEDB with files to copy fails', v: volume(3, { containers: null }), setting: withClient, fails: /cannot read the FTREEDB of new1/, verdict: /UNPROVEN/, warns: false },
    { name: 'no client: files not copied pass, with the warning', v: volume(3, { containers: 0, whereis: [] }), setting: noClient, fails: null, verdict: /not driven \(no client; 3 file\(s\) to copy\)/, warns: true },
    { name: 'no client and empty volumes: pass, still warned', v: volume(0, { containers: 0, whereis: [] }), setting: noClient, fails: null, verdict: /empty/, warns: true },
    { name: 'no client does not excuse the server side', v: volume(3, { containers: 0, whereis: [], vldb: false }), setting: noClient, fails: /the VLDB does not know vol01\.1/, verdict: /not driven/, warns: true },
    { name: 'a server whose getvolinfo disagrees fails', v: volume(3, { getvolinfo: [{ server: 'scm.coda.lab', ok: false, count: 1 }] }), setting: withClient, fails: /getvolinfo disagrees on scm\.coda\.lab \(count 1\)/, verdict: /copied/, warns: false },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = formatEvidence([c.v], [server], c.setting);
      if (c.fails) assert.match(r.failures.join('\n'), c.fails);
      else assert.deepEqual(r.failures, []);
      assert.match(r.text, c.verdict);
      assert.equal(r.warnings.length > 0, c.warns);
    });
  }

  it('the no-client warning names the volumes with files and the exact client commands', () => {
    const r = formatEvidence([volume(3, { containers: 0, whereis: [] }), { ...volume(0, { containers: 0, whereis: [] }), volume: 'vol02' }], [server], noClient);
    const w = r.warnings[0]!;
    assert.match(w, /no client in the inventory: the data copy to the new replicas was not driven \(1 volume\(s\) hold files .*: vol01 \(3 file\(s\)\)\)/);
    for (const cmd of ['cfs checkservers', 'cfs checkvolumes', 'cfs strong', 'cfs flushobject /coda/coda.lab', 'ls -lR /coda/coda.lab/vol01 > /dev/null']) assert.ok(w.includes(cmd), cmd);
    assert.match(r.text, /WARNING: no client/);
  });

  it('says per volume what was proven and how', () => {
    const r = formatEvidence([volume(3)], [server], withClient);
    assert.match(r.text, /PROVEN, PER VOLUME\nvol01: replica 02000002 on new1\.coda\.lab, VRList slot 1 of 2; getvolinfo on scm\.coda\.lab, new1\.coda\.lab \(each server's VLDB and VRDB\) gives count 2 .*; the SCM's VLDB answers vol01\.1 with 02000002; data: copied \(3\/3 file\(s\)\), from FTREEDB of scm\.coda\.lab, replica 01000002 against new1\.coda\.lab's FTREEDB; cfs whereis on client1 names new1\.coda\.lab/);
  });
});

describe('client commands of the no-client warning', () => {
  it('walks the realm\'s top when the root volume is among them (every volume is mounted below it), else each volume', () => {
    assert.equal(clientCommands(noClient, ['/', 'vol01']).at(-1), 'ls -lR /coda/coda.lab > /dev/null');
    assert.equal(clientCommands(noClient, ['vol01', 'vol02']).at(-1), 'ls -lR /coda/coda.lab/vol01 /coda/coda.lab/vol02 > /dev/null');
  });
});

describe('evidence report of a big cell', () => {
  const many = Array.from({ length: SHOWN_ROWS + 30 }, (_, i) => ({ ...volume(3), volume: `vol${i + 1}` }));
  many[40] = { ...volume(3, { vldb: false }), volume: 'vol41' };
  const r = formatEvidence(many, [server], withClient);
  const tableRows = r.text.split('\n\nPROVEN')[0]!.split('\n').slice(2);
  it('shows the first good rows, every row with a problem, and how many more were proven', () => {
    assert.equal(tableRows.filter((l) => /^vol\d+ /.test(l)).length, SHOWN_ROWS + 1);
    assert.ok(tableRows.some((l) => l.startsWith('vol41 ')), 'the failing volume is shown');
    assert.match(r.text, /… and 29 more replica\(s\) proven the same way/);
  });
  it('still fails on the problem it does not print among the good rows', () => {
    assert.deepEqual(r.failures, ['vol41: the VLDB does not know vol41.1']);
  });
});
