// The tool service's wire format: the header the shim sends decodes to what was sent (argv with spaces, quotes,
// newlines and non-ASCII, empty arguments, values containing '='), and stdin frames give the same bytes
// however the control connection splits them.
import assert from 'node:assert/strict';
import { CallStdin } from '../../../src/lab/service/call-stdio.js';
import { decodeHeader, encodeHeader, type CallHeader } from '../../../src/lab/service/protocol.js';

const HEADERS: { name: string; header: CallHeader }[] = [
  { name: 'no arguments, empty environment', header: { tool: 'volutil', cwd: '/', umask: 0o22, args: [], env: {} } },
  { name: 'awkward arguments', header: { tool: 'volutil', cwd: '/tmp/a b', umask: 0o77, args: ['-h', 'scm.coda.lab', '', "it's", 'a\nb', 'é ü', 'x=y'], env: { CODA_LAB_HOST: 'scm' } } },
  { name: 'environment values with = and newlines', header: { tool: 'cfs', cwd: '/home/u', umask: 2, args: ['lv', '/coda'], env: { A: 'b=c', EMPTY: '', MULTI: 'one\ntwo', PATH: '/lab/bin:/usr/bin' } } },
];

describe('tool service protocol', () => {
  for (const row of HEADERS) {
    it(`header round trip: ${row.name}`, () => {
      const wire = encodeHeader(row.header);
      assert.equal(wire.readUInt32BE(0), wire.length - 4);
      assert.deepEqual(decodeHeader(wire.subarray(4)), row.header);
    });
  }

  const FRAMES: { name: string; wire: string; data: string; ended: boolean }[] = [
    { name: 'one data frame', wire: 'D6\nanswer', data: 'answer', ended: false },
    { name: 'data then end', wire: 'D4\nyes\nD3\nno\nE\n', data: 'yes\nno\n', ended: true },
    { name: 'a frame whose payload looks like a frame', wire: 'D4\nD1\nxE\n', data: 'D1\nx', ended: true },
    { name: 'empty input', wire: 'E\n', data: '', ended: true },
  ];
  for (const row of FRAMES) {
    for (const split of [0, 1, 2, 3, 5]) {
      it(`stdin frames: ${row.name}, split every ${split || 'never'}`, async () => {
        const stdin = new CallStdin(() => undefined);
        const bytes = Buffer.from(row.wire);
        const size = split || bytes.length;
        for (let at = 0; at < bytes.length; at += size) assert.ok(stdin.feed(bytes.subarray(at, at + size)));
        const chunks: Buffer[] = [];
        let ended = false;
        stdin.on('data', (c: Buffer) => chunks.push(c)).on('end', () => { ended = true; });
        await new Promise((r) => setTimeout(r, 20));
        assert.equal(Buffer.concat(chunks).toString(), row.data);
        assert.equal(ended, row.ended);
      });
    }
  }

  it('asks for stdin only when the tool first reads it', async () => {
    let asked = 0;
    const stdin = new CallStdin(() => { asked++; });
    assert.equal(asked, 0);
    stdin.on('data', () => undefined);
    await new Promise((r) => setImmediate(r));
    stdin.resume();
    assert.equal(asked, 1);
  });

  it('rejects a malformed frame', () => {
    assert.equal(new CallStdin(() => undefined).feed(Buffer.from('Q\n')), false);
  });
});
