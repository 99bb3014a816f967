import assert from 'node:assert/strict';
import { addReplicaToLine, findVolume, formatVRListLine, parseVRList, replicasOf, serializeVRList } from '../../../src/coda/parsers/index.js';
import { fixture } from './fixture.js';

const errorsOf = (text: string): string[] => parseVRList(text).issues.filter((i) => i.severity === 'error').map((i) => `${i.line}: ${i.message}`);

describe('coda parsers: /vice/db/VRList', () => {
  it('reads the dumpvrdb (12-field, padded) and createvol_rep (11-field) lines of one file', () => {
    const doc = parseVRList(fixture('vrlist-observed.txt'));
    assert.deepEqual(doc.issues, []);
    assert.deepEqual(doc.entries.map((e) => [e.name, e.groupId.toString(16), e.count, e.slots[0]!.toString(16), e.fieldCount, e.extra]),
      [['/', '7f000000', 1, '1000001', 12, '0'], ['seedvol', '7f000001', 1, '1000002', 11, undefined]]);
  });

  it('reads unpadded, tab-separated, short (3-field) and upper-case forms', () => {
    const doc = parseVRList(fixture('vrlist-mixed.txt'));
    assert.deepEqual(doc.issues.map((i) => `${i.line} ${i.severity}`), []);
    assert.deepEqual(doc.entries.map((e) => [e.name, e.groupId.toString(16), e.count, replicasOf(e).map((id) => id.toString(16))]), [
      ['v1', '7f000005', 1, ['1000009']], ['v2', '7f000006', 1, ['1000010']], ['v3', '7f000007', 2, ['100000a', '200000b']], ['v4', '7f000008', 0, []],
    ]);
    assert.equal(parseVRList(fixture('vrlist-old-dump.txt')).entries[0]!.extra, 'E0000100');
  });

  const rejections: { file: string; errors: string[] }[] = [
    { file: 'vrlist-bad-blank.txt', errors: ['2: blank line: makevrdb aborts on it ("Bad input line")'] },
    { file: 'vrlist-bad-comment.txt', errors: ['1: fewer than 3 fields (VRList has no comments): makevrdb aborts on it ("Bad input line")'] },
    { file: 'vrlist-bad-short.txt', errors: ['2: fewer than 3 fields: makevrdb aborts on it ("Bad input line")'] },
    { file: 'vrlist-bad-longname.txt', errors: ['1: volume name "a_volume_name_of_32_characters__" has 32 characters (32 or more): makevrdb aborts on it'] },
    { file: 'vrlist-bad-count.txt', errors: ['1: replica count 9 is outside 0-8', '2: replica count 2 but only 1 replica id(s) on the line (Coda 8.1+ asserts on reload)'] },
  ];
  for (const c of rejections) it(`rejects what makevrdb rejects: ${c.file}`, () => assert.deepEqual(errorsOf(fixture(c.file)), c.errors));

  it('a name of 32 characters is rejected, 31 accepted', () => {
    assert.deepEqual(errorsOf(`${'a'.repeat(32)} 7f000001 1 01000002\n`), [`1: volume name "${'a'.repeat(32)}" has 32 characters (32 or more): makevrdb aborts on it`]);
    assert.deepEqual(errorsOf(`${'a'.repeat(31)} 7f000001 1 01000002\n`), []);
  });

  it('warns where Coda reads something else than meant', () => {
    const doc = parseVRList('#v 7f000001 1 01000002\nv 7f000002 2 01000003 0 02000004\nw 7f000003 1 01000005 0 0 0 0 0 0 0 0 extra\nw 7f000003 1 01000006\n');
    assert.deepEqual(doc.issues.map((i) => `${i.line} ${i.severity}: ${i.message}`), [
      '1 warning: "#v" looks like a comment but makevrdb reads it as a volume name',
      '2 warning: replica count 2 disagrees with the non-zero slots (01000003 0 02000004 0 0 0 0 0)',
      '3 warning: 13 fields: makevrdb ignores everything after the 12th',
      '4 warning: volume w is listed again (first on line 3)',
      '4 warning: group id 7f000003 is listed again (first on line 3)',
    ]);
  });

  it('findVolume by name or group id', () => {
    const doc = parseVRList(fixture('vrlist-observed.txt'));
    assert.equal(findVolume(doc, 'seedvol')?.line, 2);
    assert.equal(findVolume(doc, 0x7f000000)?.name, '/');
    assert.equal(findVolume(doc, 'nosuch'), undefined);
  });

  const edits: { name: string; before: string; volume: string; id: number; after: string }[] = [
    { name: 'OBSERVED: 11-field createvol_rep line', before: fixture('vrlist-observed.txt'), volume: 'seedvol', id: 0x02000001, after: fixture('vrlist-observed-after.txt') },
    { name: 'padded 12-field dumpvrdb line keeps its trailing 0', before: fixture('vrlist-observed.txt'), volume: '/', id: 0x02000001,
      after: '/ 7f000000 2 01000001 02000001 00000000 00000000 00000000 00000000 00000000 00000000 0\nseedvol 7f000001 1 01000002 0 0 0 0 0 0 0\n' },
    { name: 'unpadded wiki line stays unpadded', before: fixture('vrlist-wiki.txt'), volume: 'myvol', id: 0x03000001, after: 'myvol 7f000000 3 1000001 2000001 3000001 0 0 0 0 0 0\n' },
    { name: 'old dump keeps its VSG field', before: fixture('vrlist-old-dump.txt'), volume: 'myvol', id: 0x02000001, after: 'myvol 7f000000 2 1000001 2000001 0 0 0 0 0 0 E0000100\n' },
    { name: 'tabs kept', before: fixture('vrlist-mixed.txt'), volume: 'v1', id: 0x03000004, after: fixture('vrlist-mixed.txt').replace('v1\t7f000005\t1\t01000009\t0', 'v1\t7f000005\t2\t01000009\t03000004') },
    { name: 'short line grows by one field', before: fixture('vrlist-mixed.txt'), volume: 'v2', id: 0x02000001, after: fixture('vrlist-mixed.txt').replace('v2 7f000006 1 1000010\n', 'v2 7f000006 2 1000010 2000001\n') },
    { name: 'double-spaced padded line', before: fixture('vrlist-mixed.txt'), volume: 'v3', id: 0x0300000c, after: fixture('vrlist-mixed.txt').replace('2  0100000a  0200000b  00000000', '3  0100000a  0200000b  0300000c') },
    { name: 'last line without newline', before: fixture('vrlist-mixed.txt'), volume: 'v4', id: 0x01000011, after: fixture('vrlist-mixed.txt').replace(/v4 7f000008 0$/, 'v4 7f000008 1 01000011') },
    { name: 'CRLF', before: fixture('vrlist-crlf.txt'), volume: 'twovol', id: 0x03000001, after: fixture('vrlist-crlf.txt').replace('2 01000003 02000002 0', '3 01000003 02000002 03000001') },
  ];
  for (const c of edits) {
    it(`addReplicaToLine: ${c.name}`, () => {
      const r = addReplicaToLine(parseVRList(c.before), c.volume, c.id);
      assert.ok(r.ok, r.ok ? '' : r.error);
      assert.equal(r.value.changed, true);
      assert.equal(serializeVRList(r.value.doc), c.after);
      const again = addReplicaToLine(r.value.doc, c.volume, c.id);
      assert.ok(again.ok && !again.value.changed);
      assert.match(again.value.reason, /already present in slot \d/);
    });
  }

  it('addReplicaToLine is idempotent on the OBSERVED after-edit file', () => {
    const r = addReplicaToLine(parseVRList(fixture('vrlist-observed-after.txt')), 'seedvol', 0x02000001);
    assert.deepEqual(r.ok && [r.value.changed, r.value.reason], [false, '02000001 is already present in slot 1 of seedvol']);
  });

  const refusals: { name: string; text: string; volume: string; id: number; error: RegExp }[] = [
    { name: 'unknown volume', text: fixture('vrlist-observed.txt'), volume: 'nosuch', id: 0x02000001, error: /not in VRList/ },
    { name: '8 replicas', text: 'full 7f000001 8 1000001 2000001 3000001 4000001 5000001 6000001 7000001 8000001\n', volume: 'full', id: 0x09000001, error: /already has 8 replicas/ },
    { name: 'count disagrees with slots', text: 'v 7f000001 1 01000001 02000001 0 0 0 0 0 0\n', volume: 'v', id: 0x03000001, error: /disagrees with the non-zero slots/ },
    { name: 'count larger than ids', text: 'v 7f000001 2 01000001\n', volume: 'v', id: 0x03000001, error: /only 1 replica id/ },
    { name: 'second replica on one server', text: fixture('vrlist-observed.txt'), volume: 'seedvol', id: 0x01000009, error: /server 1 already holds replica 01000002 of seedvol in slot 0/ },
    { name: 'group id as replica id', text: fixture('vrlist-observed.txt'), volume: 'seedvol', id: 0x7f000005, error: /not a replica id/ },
    { name: 'line with an issue', text: '#v 7f000001 1 01000002\n', volume: '#v', id: 0x02000001, error: /line 1 \(#v\) is not safe to edit/ },
  ];
  for (const c of refusals) {
    it(`addReplicaToLine refuses: ${c.name}`, () => {
      const r = addReplicaToLine(parseVRList(c.text), c.volume, c.id);
      assert.ok(!r.ok);
      assert.match(r.error, c.error);
    });
  }

  it('formatVRListLine writes createvol_rep\'s 11-field form', () => {
    assert.equal(formatVRListLine('seedvol', 0x7f000001, [0x01000002]), 'seedvol 7f000001 1 01000002 0 0 0 0 0 0 0');
  });
});
