import assert from 'node:assert/strict';
import { confValues, getValue, parseConf, serializeConf, setValue } from '../../../src/coda/parsers/index.js';
import { fixture } from './fixture.js';

describe('coda parsers: server.conf / venus.conf', () => {
  it('reads values as codaconf.c does: quotes stripped, leading blanks allowed, last definition wins', () => {
    const doc = parseConf(fixture('conf-server.txt'));
    assert.deepEqual(doc.issues, []);
    assert.equal(getValue(doc, 'hostname'), 'scm1.coda.test');
    assert.equal(getValue(doc, 'resolution'), '1');
    assert.equal(getValue(doc, 'ipaddress'), undefined);
    assert.equal(getValue(parseConf(fixture('conf-venus.txt')), 'mountpoint'), '/mnt/coda');
    assert.equal(confValues(doc).get('rvm_data_length'), '33554432');
  });

  it('reports Coda\'s configuration errors with line numbers; a # after a value is part of it', () => {
    const doc = parseConf(fixture('conf-bad.txt'));
    assert.deepEqual(doc.issues.map((i) => `${i.line} ${i.severity}: ${i.message}`), [
      "1 error: Configuration error in line 1, no blanks allowed after the '='.",
      "2 error: Configuration error in line 2, no blanks allowed after the '='.",
      "3 error: Configuration error in line 3, missing '='.",
    ]);
    assert.equal(getValue(doc, 'trace'), '100 # a comment');
    assert.equal(getValue(doc, 'vicedir'), undefined);
  });

  it('warns that Coda keeps the CR of a CRLF line', () => {
    assert.equal(parseConf(fixture('conf-crlf.txt')).issues.length, 2);
  });

  const edits: { name: string; before: string; key: string; value: string; after: string }[] = [
    { name: 'new key goes to the end', before: 'vicedir=/vice\n', key: 'ipaddress', value: '10.0.0.1', after: 'vicedir=/vice\nipaddress="10.0.0.1"\n' },
    { name: 'old definitions commented out, new one after the last', before: 'hostname=a\nvicedir=/vice\n  hostname="b"\ntrace=100\n', key: 'hostname', value: 'c',
      after: '#hostname=a\nvicedir=/vice\n#  hostname="b"\nhostname="c"\ntrace=100\n' },
    { name: 'after a commented definition', before: fixture('conf-server.txt'), key: 'ipaddress', value: '10.77.0.1',
      after: fixture('conf-server.txt').replace('#ipaddress=\n', '#ipaddress=\nipaddress="10.77.0.1"\n') },
    { name: 'no trailing newline', before: fixture('conf-no-newline.txt'), key: 'hostname', value: 'scm2', after: 'vicedir=/vice\n#hostname=scm1\nhostname="scm2"' },
    { name: 'CRLF', before: fixture('conf-crlf.txt'), key: 'trace', value: '100', after: 'vicedir=/vice\r\nhostname=scm1\r\ntrace="100"\r\n' },
  ];
  for (const c of edits) {
    it(`setValue: ${c.name}`, () => {
      const r = setValue(parseConf(c.before), c.key, c.value);
      assert.ok(r.ok && r.value.changed, r.ok ? '' : r.error);
      assert.equal(serializeConf(r.value.doc), c.after);
      assert.equal(getValue(r.value.doc, c.key), c.value);
      const again = setValue(r.value.doc, c.key, c.value);
      assert.ok(again.ok && !again.value.changed);
    });
  }

  it('setValue leaves a file whose effective value already matches untouched, refuses bad keys', () => {
    const r = setValue(parseConf(fixture('conf-server.txt')), 'hostname', 'scm1.coda.test');
    assert.ok(r.ok && !r.value.changed);
    assert.ok(!setValue(parseConf(''), 'a b', 'x').ok);
    assert.ok(!setValue(parseConf(''), 'k', 'x\ny').ok);
  });
});
