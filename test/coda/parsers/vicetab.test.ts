import assert from 'node:assert/strict';
import { addPartition, findPartition, parseVicetab, partitionsOf, serializeVicetab } from '../../../src/coda/parsers/index.js';
import { fixture } from './fixture.js';

describe('coda parsers: vicetab', () => {
  it('reads entries, skips comments and blank lines', () => {
    const doc = parseVicetab(fixture('vicetab-commented.txt'));
    assert.deepEqual(doc.issues, []);
    assert.deepEqual(doc.entries.map((e) => [e.line, e.host, e.dir, e.type, e.settings]), [
      [3, 'scm1.coda.test', '/vicepa', 'ftree', { width: '64', depth: '3' }],
      [4, 'srv2.coda.test', '/vicepb/', 'ftree', { width: '256', depth: '3' }],
      [5, 'scm1.coda.test', '/vicepc', 'simple', {}],
    ]);
  });

  it('findPartition by host name or matcher, trailing / ignored', () => {
    const doc = parseVicetab(fixture('vicetab-commented.txt'));
    assert.equal(findPartition(doc, 'SCM1.coda.test', '/vicepa')?.line, 3);
    assert.equal(findPartition(doc, (h) => h.startsWith('srv2'), '/vicepb')?.line, 4);
    assert.equal(findPartition(doc, 'srv2.coda.test', '/vicepa'), undefined);
    assert.deepEqual(partitionsOf(doc, 'scm1.coda.test').map((e) => e.dir), ['/vicepa', '/vicepc']);
  });

  it('rejects short lines and bad ftree options with line numbers', () => {
    assert.deepEqual(parseVicetab(fixture('vicetab-bad.txt')).issues.map((i) => `${i.line}: ${i.message}`), [
      '1: expected "<host> <dir> <type> [options]", found 2 field(s)',
      '2: ftree partition /vicepb: width must be a power of 2 and depth a positive integer (width=60, depth=3)',
      '3: ftree partition /vicepc needs width=W,depth=D',
    ]);
  });

  it('addPartition appends vice-setup\'s line once', () => {
    const r = addPartition(parseVicetab(''), 'new.coda.test', '/vicepa', 'ftree', 'width=64,depth=3');
    assert.ok(r.ok && r.value.changed);
    assert.equal(serializeVicetab(r.value.doc), 'new.coda.test   /vicepa   ftree   width=64,depth=3\n');
    const again = addPartition(r.value.doc, 'new.coda.test', '/vicepa/', 'ftree', 'width=64,depth=3');
    assert.ok(again.ok && !again.value.changed);
  });
});
