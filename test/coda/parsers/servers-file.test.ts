import assert from 'node:assert/strict';
import { addServer, findServer, parseServers, serializeServers } from '../../../src/coda/parsers/index.js';
import { fixture } from './fixture.js';

const issuesOf = (text: string): string[] => parseServers(text).issues.map((i) => `${i.line} ${i.severity}: ${i.message}`);

describe('coda parsers: /vice/db/servers', () => {
  it('reads entries the way codasrv does (# lines with a number are hosts, :port stripped, extra tokens ignored)', () => {
    const doc = parseServers(fixture('servers-commented.txt'));
    assert.deepEqual(doc.entries.map((e) => [e.line, e.name, e.id]), [[3, 'scm1.coda.test', 1], [5, '#host', 5], [6, 'srv2.coda.test', 2]]);
    assert.equal(doc.entries[2]!.port, 2432);
    assert.deepEqual(issuesOf(fixture('servers-commented.txt')), ['5 warning: "#host 5" looks like a comment but Coda reads it as host "#host" with id 5']);
  });

  it('flags reserved, bogus and duplicate ids with their line numbers', () => {
    assert.deepEqual(issuesOf(fixture('servers-bad.txt')), [
      '1 error: zero.coda.test: server id 0 is reserved (0, 127 and 255 are; usable 1-126 and 128-254); codasrv exits',
      '2 error: lo.coda.test: server id 127 is reserved (0, 127 and 255 are; usable 1-126 and 128-254); codasrv exits',
      '3 error: big.coda.test: server id 300 is bogus (must be below 256; usable 1-126 and 128-254); codasrv exits',
      '5 error: server id 1 of other.coda.test is already assigned to scm1.coda.test (line 4); codasrv exits',
      '6 warning: scm1.coda.test is listed again (first on line 4)',
      '7 warning: id "5abc" is read by Coda as 5',
    ]);
  });

  it('findServer: case-insensitive, :port ignored, last line wins', () => {
    const doc = parseServers('a.test 1\nB.test:2432 2\na.test 3\n');
    assert.equal(findServer(doc, 'b.TEST')?.id, 2);
    assert.equal(findServer(doc, 'a.test')?.line, 3);
    assert.equal(findServer(doc, 'c.test'), undefined);
  });

  const adds: { name: string; before: string; host: string; id: number; after: string }[] = [
    { name: 'vice-setup style', before: fixture('servers-vice-setup.txt'), host: 'srv2.coda.test', id: 2, after: fixture('servers-two.txt') },
    { name: 'no trailing newline', before: fixture('servers-no-newline.txt'), host: 'srv3.coda.test', id: 3, after: 'scm1.coda.test 1\nsrv2.coda.test 2\nsrv3.coda.test 3\n' },
    { name: 'CRLF stays CRLF', before: fixture('servers-crlf.txt'), host: 'srv3.coda.test', id: 3, after: 'scm1.coda.test\t\t1\r\nsrv2.coda.test\t\t2\r\nsrv3.coda.test\t\t3\r\n' },
    { name: 'column-aligned with indent', before: fixture('servers-aligned.txt'), host: 'srv3', id: 3, after: '  scm1      1\n  srv2      2\n  srv3      3\n' },
    { name: 'comments and blank lines kept', before: fixture('servers-commented.txt'), host: 'new.coda.test', id: 4, after: `${fixture('servers-commented.txt')}new.coda.test 4\n` },
    { name: 'empty file', before: '', host: 'scm1.coda.test', id: 1, after: 'scm1.coda.test\t\t1\n' },
  ];
  for (const c of adds) {
    it(`addServer: ${c.name}`, () => {
      const r = addServer(parseServers(c.before), c.host, c.id);
      assert.ok(r.ok, r.ok ? '' : r.error);
      assert.equal(r.value.changed, true);
      assert.equal(serializeServers(r.value.doc), c.after);
      const again = addServer(r.value.doc, c.host, c.id);
      assert.ok(again.ok && !again.value.changed, 'second add is a no-op');
    });
  }

  const refusals: { name: string; host: string; id: number; error: RegExp }[] = [
    { name: 'reserved 127', host: 'n', id: 127, error: /reserved/ },
    { name: 'reserved 0', host: 'n', id: 0, error: /reserved/ },
    { name: 'reserved 255', host: 'n', id: 255, error: /reserved/ },
    { name: 'bogus 256', host: 'n', id: 256, error: /bogus/ },
    { name: 'taken id', host: 'n', id: 2, error: /already assigned to srv2.coda.test \(line 2\)/ },
    { name: 'listed with another id', host: 'srv2.coda.test', id: 7, error: /already listed with id 2 \(line 2\), not 7/ },
    { name: '# name', host: '#x', id: 9, error: /starts with #/ },
    { name: 'blank in name', host: 'a b', id: 9, error: /whitespace/ },
  ];
  for (const c of refusals) {
    it(`addServer refuses: ${c.name}`, () => {
      const r = addServer(parseServers(fixture('servers-two.txt')), c.host, c.id);
      assert.ok(!r.ok);
      assert.match(r.error, c.error);
    });
  }
});
