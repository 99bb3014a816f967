import assert from 'node:assert/strict';
import { isBogusOpcode, parseCheckServers, parseListvol, parseWhereis } from '../../../src/coda/parsers/index.js';
import { fixture } from './fixture.js';

describe('coda parsers: cfs output', () => {
  it('checkservers: all up, or the names still down', () => {
    assert.deepEqual(parseCheckServers(fixture('cfs-checkservers-up.txt')), { ok: true, value: { allUp: true, down: [] } });
    assert.deepEqual(parseCheckServers(fixture('cfs-checkservers-down.txt')), { ok: true, value: { allUp: false, down: ['srv2.coda.test', '10.77.0.3'] } });
    assert.ok(!parseCheckServers('Contacting servers .....\n').ok);
  });

  it('whereis: one path, and the multi-path form', () => {
    assert.deepEqual(parseWhereis(fixture('cfs-whereis.txt')), { ok: true, value: [{ hosts: ['scm1.coda.test', 'srv2.coda.test'] }] });
    assert.deepEqual(parseWhereis(fixture('cfs-whereis-multi.txt')), { ok: true, value: [
      { path: '/coda/coda.test/seedvol', hosts: ['scm1.coda.test', 'srv2.coda.test'] },
      { path: '/coda/coda.test/twovol', hosts: ['scm1.coda.test', '10.77.0.2'] },
    ] });
    assert.ok(!parseWhereis('').ok);
    assert.deepEqual(parseWhereis(fixture('cfs-bogus-opcode.txt')), { ok: false, error: 'line 1: not a whereis line: "Bogus or missing opcode: type "cfs help" for list"', line: 1 });
  });

  it('listvol', () => {
    const r = parseListvol(fixture('cfs-listvol.txt'));
    assert.ok(r.ok);
    assert.deepEqual(r.value.map((v) => [v.groupId, v.name, v.type, v.connectionState, v.blocksUsed]), [[0x7f000001, 'seedvol', 'Replicated', 'Reachable', 2]]);
  });

  it('the bogus-opcode line (cfs wr on 6.9+)', () => {
    assert.ok(isBogusOpcode(fixture('cfs-bogus-opcode.txt')));
    assert.ok(!isBogusOpcode(fixture('cfs-checkservers-up.txt')));
  });
});
