// coda_vrlist at 1,000 volumes: every new replica id goes into VRList in ONE atomic write (the transport's
// writeFileAtomic: temp file, fsync, rename), never one edit per volume, and the SCM runs no command that edits it.
import assert from 'node:assert/strict';
import type { ClusterAccess } from '../../../src/modules/module.js';
import { codaVrlist } from '../../../src/coda/modules/vrlist.js';
import { MemoryTransport, moduleContext } from '../../helpers/fake-transport.js';

const LINE = /^\{ (.*) ; \} 2>&1; printf '\\n(\S+) (\d+) %d\\n' \$\?$/;
const N = 1000;
const hex = (n: number): string => n.toString(16);

describe('coda_vrlist with 1,000 volumes (fake transports)', () => {
  it('fills 1,000 slots with one writeFileAtomic and a backup', async () => {
    const names = Array.from({ length: N }, (_, i) => `vol${i + 1}`);
    const newList = ['P/vicepa Hnew1.lab T10 F10', ...names.map((n, i) => `W${n}.1 I${hex(0x2000001 + i)} H2 P/vicepa m0 M0 U2 W${hex(0x2000001 + i)} C1 D1 B0 A0`)].join('\n');
    const scm = new MemoryTransport('scm', (script) => {
      if (script.includes('echo running=')) return { stdout: 'running=4242\npid_mtime=2\nservers_mtime=1\n' };
      const parts = script.split('\n').map((l) => LINE.exec(l)).filter((m): m is RegExpExecArray => m !== null);
      return { stdout: parts.map((m) => {
        const out = / getvolumelist/.test(m[1]!) ? (m[1]!.includes('new1') ? newList : 'P/vicepa Hscm.lab T10 F10') : m[1]!.includes('getmaxvol') ? 'Maximum volume id is 02000400' : '';
        return `${out}\n${m[2]} ${m[3]} 0\n`;
      }).join('') };
    });
    scm.files.set('/vice/db/servers', 'scm.lab\t\t1\nnew1.lab\t\t2\n');
    scm.files.set('/vice/db/VRList', names.map((n, i) => `${n} ${hex(0x7f000001 + i)} 1 ${hex(0x1000002 + i)} 0 0 0 0 0 0 0\n`).join(''));
    const groups: Record<string, string[]> = { scm: ['scm'], servers: ['scm'], replicas: ['new1'], clients: [] };
    const cluster: ClusterAccess = {
      transportFor: async () => scm,
      hostsOf: (p) => groups[p] ?? [],
      varsOf: (h) => ({ coda_name: `${h}.lab` }),
      addressOf: () => '127.0.0.1',
    };
    const ctx = moduleContext(scm, { host: { name: 'scm', address: '127.0.0.1', groups: ['scm'] }, vars: { coda_name: 'scm.lab' }, cluster, runStore: new Map() });
    const plan = await codaVrlist.probe(ctx, { volumes: 'all' });
    assert.equal(plan.changes.length, N, plan.reason);
    const commandsBefore = scm.commands.length;
    const out = await codaVrlist.apply(ctx, { volumes: 'all' }, plan);
    assert.equal(out.failed, undefined, out.reason);
    assert.equal(scm.writes, 1, 'one writeFileAtomic for all 1,000 volumes');
    const vrlist = scm.files.get('/vice/db/VRList')!.split('\n').filter(Boolean);
    assert.equal(vrlist.length, N);
    assert.ok(vrlist.every((l, i) => l.split(' ')[2] === '2' && l.split(' ')[4] === hex(0x2000001 + i)), vrlist[0]);
    assert.ok(scm.files.has('/vice/db/VRList.bak'), 'the old VRList is kept');
    // Apply runs no command but the journal append (the 1,000 journal lines go in one `cat >>`).
    assert.deepEqual(scm.commands.slice(commandsBefore).map((c) => c.split(' ')[0]), ['mkdir']);
  });
});
