import assert from 'node:assert/strict';
import { boundHosts, checkVolutilSuccess, explainReturnCode, findVolutilFailure, parseCreateRep, parseMaxVolumeId, parseSrvLogVersion, parseVolutilLookupId } from '../../../src/coda/parsers/index.js';
import { fixture } from './fixture.js';

describe('coda parsers: volutil output', () => {
  it('create_rep: padded (6.0.15+) and unpadded (6.0.x) success lines, trailing space', () => {
    assert.deepEqual(parseCreateRep(fixture('volutil-create-rep.txt')), { ok: true, value: { id: 0x02000001, name: 'seedvol.1' } });
    assert.deepEqual(parseCreateRep(fixture('volutil-create-rep-6.0.txt')), { ok: true, value: { id: 0x02000001, name: 'myvol.1' } });
  });

  const failures: { file: string; kind: string; subject?: string; code?: number; name?: string; rpc2?: string }[] = [
    { file: 'volutil-create-rep-bad-partition.txt', kind: 'call', subject: 'VolCreate', code: 603, name: 'VNOVOL' },
    { file: 'volutil-makevrdb-700.txt', kind: 'call', subject: 'VolMakeVRDB', code: 700, name: 'VFAIL' },
    { file: 'volutil-setlogparms-einval.txt', kind: 'call', subject: 'VolSetLogParms', code: 22, name: 'EINVAL' },
    { file: 'volutil-vvolexists.txt', kind: 'call', subject: 'VolCreate', code: 604, name: 'VVOLEXISTS' },
    { file: 'volutil-server-down.txt', kind: 'bind', subject: 'srv2.coda.test', rpc2: 'RPC2_NOBINDING' },
    { file: 'getvolumelist-server-down.txt', kind: 'bind', subject: 'srv2.coda.test', rpc2: 'RPC2_NOBINDING' },
    { file: 'volutil-bad-host.txt', kind: 'host', subject: 'nosuch.coda.test' },
    { file: 'volutil-no-token.txt', kind: 'token' },
  ];
  for (const f of failures) {
    it(`failure: ${f.file}`, () => {
      const found = findVolutilFailure(fixture(f.file));
      assert.ok(found);
      assert.deepEqual([found.kind, found.subject, found.error?.code?.code, found.error?.code?.name, found.error?.rpc2], [f.kind, f.subject, f.code, f.name, f.rpc2]);
    });
  }

  it('create_rep failing explains the code', () => {
    const r = parseCreateRep(fixture('volutil-create-rep-bad-partition.txt'));
    assert.ok(!r.ok);
    assert.equal(r.line, 2);
    assert.match(r.error, /^VolCreate failed with Unknown RPC2 return code 603 \(VNOVOL: no such volume/);
  });

  const codes: [number, string][] = [[602, 'VNOVNODE'], [603, 'VNOVOL'], [604, 'VVOLEXISTS'], [700, 'VFAIL'], [699, 'EINCONS'], [22, 'EINVAL'], [12345, 'code 12345']];
  for (const [code, name] of codes) it(`return code ${code} is ${name}`, () => assert.equal(explainReturnCode(code).name, name));

  it('getmaxvol', () => {
    assert.deepEqual(parseMaxVolumeId(fixture('volutil-getmaxvol.txt')), { ok: true, value: 0x02000000 });
    assert.ok(!parseMaxVolumeId(fixture('volutil-server-down.txt')).ok);
  });

  const successes: [string, string, boolean][] = [
    ['setlogparms', 'volutil-setlogparms.txt', true], ['makevrdb', 'volutil-makevrdb.txt', true], ['makevrdb', 'volutil-makevrdb-700.txt', false],
    ['shutdown', 'volutil-shutdown.txt', true], ['updatedb', 'volutil-updatedb.txt', true], ['create_rep', 'volutil-create-rep.txt', true],
    ['getvolumelist', 'getvolumelist-srv2.txt', true], ['setlogparms', 'volutil-server-down.txt', false], ['makevldb', 'bldvldb-ok.txt', true],
  ];
  for (const [sub, file, want] of successes) it(`${sub} success line in ${file}: ${want}`, () => assert.equal(checkVolutilSuccess(sub, fixture(file)).ok, want));

  it('a missing success line without a failure line says so', () => {
    assert.deepEqual(checkVolutilSuccess('makevrdb', 'V_BindToServer: binding to host x\n'), { ok: false, error: 'volutil makevrdb did not print its success line' });
  });

  it('boundHosts lists the bind lines in order', () => {
    assert.deepEqual(boundHosts(fixture('bldvldb-ok.txt')), ['scm1.coda.test', 'srv2.coda.test', 'scm1.coda.test']);
  });
});

describe('volutil lookup and the SrvLog banner (OBSERVED)', () => {
  const rows: [string, string, number | undefined][] = [
    ['found', 'V_BindToServer: binding to host scm.coda.test\nInfo for vol "vol1.0": volume id 01000002, read/write volume\nAssociates:  read/write volume 01000002\nOn servers: scm.coda.test\n', 0x01000002],
    ['not found: only the bind line (exit 0)', 'V_BindToServer: binding to host scm.coda.test\n', undefined],
  ];
  for (const [name, text, id] of rows) it(`lookup ${name}`, () => assert.equal(parseVolutilLookupId(text), id));
  it('the SrvLog banner names the version', () => {
    assert.equal(parseSrvLogVersion('Coda Vice, version 6.9.5       log started at Tue Nov 24 01:53:42 2026'), '6.9');
    assert.equal(parseSrvLogVersion('File Server started'), undefined);
  });
});
