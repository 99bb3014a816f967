// coda_replicas against the setlogparms poison (OBSERVED "Corrections and additions"), on fake transports: no
// setlogparms for an id the holding server's getvolumelist does not show; a 700 is cleared with volutil lookup and
// retried once, and the reason says so; a create_rep that made the replica before its 700 is adopted, not repeated.
import assert from 'node:assert/strict';
import type { ClusterAccess } from '../../../src/modules/module.js';
import { codaReplicas } from '../../../src/coda/modules/replicas.js';
import { runWithPoisonRetry } from '../../../src/coda/modules/poison-retry.js';
import { MemoryTransport, moduleContext } from '../../helpers/fake-transport.js';

const LINE = /^\{ (.*) ; \} 2>&1; printf '\\n(\S+) (\d+) %d\\n' \$\?$/;
const POISON = 'VolSetLogParms failed with Unknown RPC2 return code 700\n';

/** Answers runBatch scripts one command at a time, the way the shell would (output then the part marker). */
function batchHost(name: string, answer: (cmd: string) => { code: number; out: string }): MemoryTransport {
  return new MemoryTransport(name, (script) => {
    if (script.includes('echo running=')) return { stdout: 'running=4242\npid_mtime=2\nservers_mtime=1\n' };
    const parts = script.split('\n').map((l) => LINE.exec(l)).filter((m): m is RegExpExecArray => m !== null);
    if (parts.length === 0) return { stdout: '' };
    return { stdout: parts.map((m) => { const a = answer(m[1]!); return `${a.out}\n${m[2]} ${m[3]} ${a.code}\n`; }).join('') };
  });
}

/** A server whose first answer to each listed command is 700, then normal answers. */
function poisonedScm(firstAnswers: Record<string, { code: number; out: string }>, volumes: string, lookups: Record<string, string> = {}): { scm: MemoryTransport; seen: string[] } {
  const seen: string[] = [];
  const pending = new Map(Object.entries(firstAnswers));
  const scm = batchHost('scm', (cmd) => {
    seen.push(cmd);
    const first = pending.get(cmd);
    if (first) { pending.delete(cmd); return first; }
    if (cmd.includes(' getvolumelist')) return { code: 0, out: cmd.includes('new1') ? 'P/vicepa Hnew1.lab T10 F10\n' : volumes };
    if (cmd.includes(' getmaxvol')) return { code: 0, out: `Maximum volume id is ${cmd.includes('new1') ? '02000000' : '01000009'}\n` };
    const lookup = / lookup (\S+)$/.exec(cmd);
    if (lookup) return { code: 0, out: lookups[lookup[1]!] ?? '' };
    if (cmd.includes(' setlogparms ')) return { code: 0, out: 'Set Log parameters\n' };
    const create = / create_rep \S+ (\S+) /.exec(cmd);
    if (create) return { code: 0, out: `Volume 02000001 (${create[1]}) created \n` };
    return { code: 0, out: '' };
  });
  scm.files.set('/vice/db/servers', 'scm.lab\t\t1\nnew1.lab\t\t2\n');
  scm.files.set('/vice/db/VRList', 'vol 7f000001 1 01000002 0 0 0 0 0 0 0\ngone 7f000002 1 01000009 0 0 0 0 0 0 0\n');
  return { scm, seen };
}

function contextFor(scm: MemoryTransport) {
  const new1 = batchHost('new1', () => ({ code: 0, out: '' }));
  const groups: Record<string, string[]> = { scm: ['scm'], servers: ['scm'], replicas: ['new1'], clients: [] };
  const names: Record<string, string> = { scm: 'scm.lab', new1: 'new1.lab' };
  const cluster: ClusterAccess = {
    transportFor: async (h) => (h === 'scm' ? scm : new1),
    hostsOf: (p) => groups[p] ?? [],
    varsOf: (h) => ({ coda_name: names[h] }),
    addressOf: () => '127.0.0.1',
  };
  return moduleContext(scm, { host: { name: 'scm', address: '127.0.0.1', groups: ['scm'] }, vars: { coda_name: 'scm.lab' }, cluster, runStore: new Map() });
}

const SCM_LIST = 'P/vicepa Hscm.lab T10 F10\nWvol.0 I1000002 H1 P/vicepa m0 M0 U2 W1000002 C1 D1 B0 A0\n';

describe('coda_replicas and the setlogparms poison (fake transports)', () => {
  it('sends no setlogparms for an id its server does not list, and says so', async () => {
    const { scm, seen } = poisonedScm({}, SCM_LIST);
    const ctx = contextFor(scm);
    const plan = await codaReplicas.probe(ctx, { volumes: 'all' });
    assert.match(plan.reason, /01000009 in VRList but not on their server: no setlogparms/);
    const out = await codaReplicas.apply(ctx, { volumes: 'all' }, plan);
    assert.equal(out.failed, undefined, out.reason);
    assert.ok(seen.some((c) => c.includes('setlogparms 01000002 reson 4')));
    assert.ok(!seen.some((c) => c.includes('setlogparms 01000009')), seen.join('\n'));
  });

  const cases: { name: string; first: Record<string, { code: number; out: string }>; lookups?: Record<string, string>; reason: RegExp; creates: number }[] = [
    { name: 'a 700 from setlogparms: two lookups, one retry', first: { 'volutil -h scm.lab setlogparms 01000002 reson 4': { code: 255, out: POISON } }, reason: /setlogparms 01000002: 700 .*cleared with volutil lookup 01000002 and retried once: ok/, creates: 2 },
    { name: 'a 700 from create_rep, nothing made: retried once', first: { "volutil -h new1.lab create_rep /vicepa vol.1 7f000001 02000001": { code: 255, out: 'VolCreate failed with Unknown RPC2 return code 700\n' } }, reason: /create_rep vol\.1 on new1\.lab: 700 .*retried once: ok/, creates: 3 },
    { name: 'a 700 from create_rep that made the replica: adopted, no second create_rep', first: { "volutil -h new1.lab create_rep /vicepa vol.1 7f000001 02000001": { code: 255, out: 'VolCreate failed with Unknown RPC2 return code 700\n' } }, lookups: { 'vol.1': 'Info for vol "vol.1": volume id 02000001, read/write volume\n' }, reason: /the replica exists, adopted/, creates: 2 },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const { scm, seen } = poisonedScm(c.first, SCM_LIST, c.lookups);
      const ctx = contextFor(scm);
      const plan = await codaReplicas.probe(ctx, { volumes: 'all' });
      const out = await codaReplicas.apply(ctx, { volumes: 'all' }, plan);
      assert.equal(out.failed, undefined, out.reason);
      assert.match(out.reason, c.reason);
      assert.equal(seen.filter((x) => x.includes(' create_rep ')).length, c.creates, seen.join('\n'));
      assert.equal(seen.filter((x) => x.includes(' lookup ')).length, 2);
    });
  }

  it('a second 700 after the retry comes back as a failure that says it was retried', async () => {
    const parts = await runWithPoisonRetry(contextFor(batchHost('scm', () => ({ code: 255, out: POISON }))), [{ server: 'scm.lab', subject: '01000002', command: 'volutil -h scm.lab setlogparms 01000002 reson 4' }]);
    assert.equal(parts[0]!.code, 255);
    assert.match(parts[0]!.retried ?? '', /retried once: failed again/);
  });
});

describe('coda_replicas: predicted ids and what later tasks learn', () => {
  it('asks create_rep for the id --check predicts (MaxVolId + 1, + 2 in plan order), so two at a time cannot swap them', async () => {
    const { scm, seen } = poisonedScm({}, SCM_LIST);
    const ctx = contextFor(scm);
    const plan = await codaReplicas.probe(ctx, { volumes: 'all' });
    await codaReplicas.apply(ctx, { volumes: 'all' }, plan);
    const creates = seen.filter((x) => x.includes(' create_rep '));
    assert.deepEqual(creates.map((c) => c.split(' ').slice(-2).join(' ')).sort(), ['7f000001 02000001', '7f000002 02000002']);
  });

  it('learn() records the new replicas, so the next task plans from them without asking getvolumelist again', async () => {
    const { scm, seen } = poisonedScm({}, SCM_LIST);
    const ctx = contextFor(scm);
    const plan = await codaReplicas.probe(ctx, { volumes: 'all' });
    const out = await codaReplicas.apply(ctx, { volumes: 'all' }, plan);
    await codaReplicas.learn!(ctx, { volumes: 'all' }, plan, out);
    const asked = seen.filter((x) => x.includes(' getvolumelist')).length;
    const again = await codaReplicas.probe(ctx, { volumes: 'all' });
    // The replicas create_rep made are now known to be there: a second run of the task would adopt, not create.
    assert.ok(again.changes.some((c) => /^vol: adopt vol\.1 \(02000001\) already on new1\.lab$/.test(c)), again.changes.join('\n'));
    assert.equal(seen.filter((x) => x.includes(' getvolumelist')).length, asked, 'no second getvolumelist');
  });
});
