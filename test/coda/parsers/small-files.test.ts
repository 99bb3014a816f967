import assert from 'node:assert/strict';
import { addRealmServer, addUpdateFile, findRealm, findUpdateFile, parseRealms, parseUpdateFiles, serializeRealms, serializeUpdateFiles } from '../../../src/coda/parsers/index.js';
import { fixture } from './fixture.js';

describe('coda parsers: realms and db/files', () => {
  it('realms: servers split on blanks, tabs and commas; the first line wins', () => {
    const doc = parseRealms(`${fixture('realms-sample.txt')}coda.test x.test\n`);
    assert.deepEqual(findRealm(doc, 'coda.test')?.servers, ['scm1.coda.test', 'srv2.coda.test']);
    assert.deepEqual(findRealm(doc, 'other.org')?.servers, ['a.other.org', 'b.other.org']);
    assert.deepEqual(doc.issues.map((i) => `${i.line} ${i.severity}`), ['4 warning']);
  });

  const realmEdits: [string, string, string, string][] = [
    ['coda.test', 'new.coda.test', fixture('realms-sample.txt').replace('srv2.coda.test\n', 'srv2.coda.test new.coda.test\n'), 'blank-separated'],
    ['other.org', 'c.other.org', fixture('realms-sample.txt').replace('b.other.org\n', 'b.other.org,c.other.org\n'), 'comma-separated'],
    ['new.realm', 's.new.realm', `${fixture('realms-sample.txt')}new.realm s.new.realm\n`, 'new realm'],
  ];
  for (const [realm, server, after, name] of realmEdits) {
    it(`addRealmServer: ${name}`, () => {
      const r = addRealmServer(parseRealms(fixture('realms-sample.txt')), realm, server);
      assert.ok(r.ok && r.value.changed);
      assert.equal(serializeRealms(r.value.doc), after);
      const again = addRealmServer(r.value.doc, realm, server);
      assert.ok(again.ok && !again.value.changed);
    });
  }

  it('db/files: one name per line, - means delete', () => {
    const doc = parseUpdateFiles(fixture('files-with-delete.txt'));
    assert.deepEqual(doc.entries.map((e) => [e.line, e.name, e.remove]), [[1, 'servers', false], [2, 'dumplist', true], [3, 'VRList', false], [5, 'maxgroupid', false]]);
    assert.equal(parseUpdateFiles(fixture('files-default.txt')).entries.length, 15);
    assert.ok(findUpdateFile(parseUpdateFiles(fixture('files-default.txt')), 'VRList'));
  });

  it('addUpdateFile: appends once, refuses a file listed for deletion', () => {
    const r = addUpdateFile(parseUpdateFiles(fixture('files-with-delete.txt')), 'VRDB');
    assert.ok(r.ok && r.value.changed);
    assert.equal(serializeUpdateFiles(r.value.doc), 'servers\n-dumplist\nVRList\n\nmaxgroupid\nVRDB\n');
    const again = addUpdateFile(r.value.doc, 'servers');
    assert.ok(again.ok && !again.value.changed);
    const refused = addUpdateFile(r.value.doc, 'dumplist');
    assert.ok(!refused.ok && refused.line === 2);
  });
});
