// Preflight's survey resolves every name in one `getent hosts n1 n2 …` per host and maps glibc's lines back to the
// names (a line per address: ADDRESS CANONICAL ALIASES…); a name it cannot place is asked on its own, in one more
// round trip, as before.
import assert from 'node:assert/strict';
import { resolvedFromBatch, surveyHost } from '../../../src/coda/modules/host-survey.js';
import { MemoryTransport, moduleContext } from '../../helpers/fake-transport.js';

const ROWS: { name: string; names: string[]; output: string; want: Record<string, string | undefined> }[] = [
  { name: 'one line each, in order', names: ['scm.coda.lab', 'new1.coda.lab'], output: '127.1.1.10      scm.coda.lab scm\n127.1.1.20      new1.coda.lab new1\n', want: { 'scm.coda.lab': '127.1.1.10', 'new1.coda.lab': '127.1.1.20' } },
  { name: 'a key that is an alias, in another case', names: ['NEW1'], output: '127.1.1.20      new1.coda.lab new1\n', want: { NEW1: '127.1.1.20' } },
  { name: 'two addresses for one name: the first', names: ['scm.lab', 'c.lab'], output: '10.0.0.1        scm.lab\n10.0.0.2        scm.lab\n10.0.0.9        c.lab\n', want: { 'scm.lab': '10.0.0.1', 'c.lab': '10.0.0.9' } },
  { name: 'a missing key leaves that name unplaced, the others placed', names: ['a.lab', 'nosuch.lab', 'b.lab'], output: '10.0.0.1        a.lab\n10.0.0.2        b.lab\n', want: { 'a.lab': '10.0.0.1', 'nosuch.lab': undefined, 'b.lab': '10.0.0.2' } },
  { name: 'resolved under another canonical name (search domain): unplaced', names: ['new1'], output: '10.0.0.5        new1.example.org\n', want: { new1: undefined } },
  { name: 'an IPv6 line does not count', names: ['v6.lab'], output: 'fe80::1         v6.lab\n', want: { 'v6.lab': undefined } },
];

describe('host survey: names resolved in one getent call', () => {
  for (const row of ROWS) {
    it(row.name, () => assert.deepEqual(resolvedFromBatch(row.names, row.output), row.want));
  }

  it('asks getent once for every name, and once more only for the names it could not place', async () => {
    const host = new MemoryTransport('client1', (cmd) => {
      if (/getent hosts '?scm\.coda\.lab'? '?new1\.coda\.lab'? '?short'?/.test(cmd)) return { stdout: "@@hostname\nclient1.coda.lab\n@@resolve*\n127.1.1.10      scm.coda.lab\n127.1.1.20      new1.coda.lab\n10.9.9.9        short.example.org\n" };
      if (cmd.includes('@@resolve short')) return { stdout: '@@resolve short\n10.9.9.9        short.example.org\n' };
      return {};
    });
    const s = await surveyHost(moduleContext(host), 'client1', 'client', host, ['scm.coda.lab', 'new1.coda.lab', 'short']);
    assert.deepEqual(s.resolved, { 'scm.coda.lab': '127.1.1.10', 'new1.coda.lab': '127.1.1.20', short: '10.9.9.9' });
    assert.equal(host.commands.filter((c) => c.includes('getent hosts')).length, 2, host.commands.join('\n---\n'));
    assert.doesNotMatch(host.commands[1]!, /scm\.coda\.lab|new1\.coda\.lab/, 'the second round trip asks only the unplaced name');
  });
});
