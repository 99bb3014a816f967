// Each generic module: the probe predicts exactly what apply then does, and apply then probe is a no-op.
import assert from 'node:assert/strict';
import type { ModuleDefinition } from '../../src/modules/module.js';
import { builtinModules } from '../../src/modules/registry.js';
import { editLines } from '../../src/modules/lineinfile.js';
import { MemoryTransport, moduleContext } from '../helpers/fake-transport.js';

const mod = (name: string): ModuleDefinition => builtinModules.get(name)!;

async function converge(name: string, t: MemoryTransport, args: Record<string, unknown>) {
  const m = mod(name);
  const parsed = m.schema.parse(args);
  const ctx = moduleContext(t);
  const plan = await m.probe(ctx, parsed);
  const outcome = plan.changes.length ? await m.apply(ctx, parsed, plan) : null;
  const again = await m.probe(moduleContext(t), parsed);
  return { plan, outcome, again, ctx };
}

describe('lineinfile edits (table)', () => {
  const base = { state: 'present' as const, create: false, backup: false };
  const cases: [string, string | null, Record<string, unknown>, string | null][] = [
    ['appends a missing line', 'a\nb\n', { line: 'c' }, 'a\nb\nc\n'],
    ['keeps a file without a final newline that way', 'a\nb', { line: 'c' }, 'a\nb\nc'],
    ['keeps CRLF', 'a\r\nb\r\n', { line: 'c' }, 'a\r\nb\r\nc\r\n'],
    ['leaves a present line alone', 'a\nc\n', { line: 'c' }, 'a\nc\n'],
    ['replaces the last regexp match', 'x=1\ny=2\nx=3\n', { regexp: '^x=', line: 'x=9' }, 'x=1\ny=2\nx=9\n'],
    ['inserts after a match', 'a\nb\nc\n', { line: 'n', insertafter: '^a' }, 'a\nn\nb\nc\n'],
    ['inserts before a match', 'a\nb\n', { line: 'n', insertbefore: '^b' }, 'a\nn\nb\n'],
    ['removes with state=absent', 'a\nb\na\n', { line: 'a', state: 'absent' }, 'b\n'],
    ['a missing file without create', null, { line: 'x' }, null],
    ['a missing file with create', null, { line: 'x', create: true }, 'x\n'],
  ];
  for (const [name, before, args, after] of cases) {
    it(name, () => assert.equal(editLines(before, { path: '/f', ...base, ...args } as never), after));
  }
});

describe('generic modules: probe, apply, idempotence', () => {
  it('lineinfile: probe plans the diff, apply writes it once, then ok with a reason', async () => {
    const t = new MemoryTransport();
    t.files.set('/etc/x', 'a\n');
    const r = await converge('lineinfile', t, { path: '/etc/x', line: 'b', backup: true });
    assert.deepEqual(r.plan.diff, [{ path: '/etc/x', before: 'a\n', after: 'a\nb\n' }]);
    assert.equal(r.outcome?.changed, true);
    assert.equal(t.files.get('/etc/x'), 'a\nb\n');
    assert.equal(t.files.get('/etc/x.bak'), 'a\n');
    assert.deepEqual(r.again.changes, []);
    assert.equal(r.again.reason, 'line exists in /etc/x');
  });
  it('copy: writes only when the content differs', async () => {
    const t = new MemoryTransport();
    await converge('copy', t, { content: 'hi\n', dest: '/d' });
    const writes = t.writes;
    const r = await converge('copy', t, { content: 'hi\n', dest: '/d' });
    assert.equal(t.writes, writes);
    assert.equal(r.plan.reason, '/d has the content already');
  });
  it('template: renders with the task variables', async () => {
    const t = new MemoryTransport();
    const m = mod('template');
    const ctx = moduleContext(t, { vars: { who: 'coda' } });
    const args = m.schema.parse({ content: 'hello {{ who }}\n', dest: '/t' });
    await m.apply(ctx, args, await m.probe(ctx, args));
    assert.equal(t.files.get('/t'), 'hello coda\n');
  });
  it('command: creates= makes it idempotent; the record is masked', async () => {
    const t = new MemoryTransport('h1', () => ({ stdout: 'done s3cret\n' }));
    const m = mod('shell');
    const ctx = moduleContext(t, { secrets: ['s3cret'] });
    const args = m.schema.parse({ cmd: 'make s3cret', creates: '/built' });
    const plan = await m.probe(ctx, args);
    assert.deepEqual(plan.changes, ['run: make s3cret']);
    const out = await m.apply(ctx, args, plan);
    assert.equal(out.data?.stdout, 'done s3cret\n');
    assert.equal(ctx.commands[0]?.command, 'make ********');
    assert.equal(ctx.commands[0]?.stdoutTail, 'done ********');
    t.files.set('/built', '');
    assert.equal((await m.probe(ctx, args)).reason, '/built exists');
  });
  it('command: a non-zero exit fails with its meaning', async () => {
    const t = new MemoryTransport('h1', () => ({ code: 127, stderr: 'volutil: not found\n' }));
    const m = mod('command');
    const args = m.schema.parse({ cmd: ['volutil', 'getmaxvol'] });
    const ctx = moduleContext(t);
    const out = await m.apply(ctx, args, await m.probe(ctx, args));
    assert.equal(out.failed, true);
    assert.match(out.error?.exitMeaning ?? '', /exit 127: command not found/);
  });
  it('stat and slurp never change anything', async () => {
    const t = new MemoryTransport();
    t.files.set('/f', 'abc');
    const s = await converge('stat', t, { path: '/f' });
    assert.deepEqual(s.plan.changes, []);
    assert.equal((s.plan.data?.stat as { size: number }).size, 3);
    const sl = await converge('slurp', t, { path: '/f' });
    assert.equal(sl.plan.data?.text, 'abc');
  });
  it('assert: passes or fails with the message', async () => {
    const t = new MemoryTransport();
    const m = mod('assert');
    const ctx = moduleContext(t, { vars: { n: 3 } });
    assert.equal((await m.probe(ctx, m.schema.parse({ that: ['n > 2'] }))).changes.length, 0);
    await assert.rejects(m.probe(ctx, m.schema.parse({ that: 'n > 5', fail_msg: 'too small' })), /too small/);
  });
  it('wait_for: times out naming what it last saw', async () => {
    const t = new MemoryTransport();
    t.files.set('/log', 'starting\n');
    const m = mod('wait_for');
    await assert.rejects(m.probe(moduleContext(t), m.schema.parse({ path: '/log', search_regex: 'File Server started', timeout: 0.2, sleep: 0.05 })), /last seen: \/log has no line matching/);
    t.files.set('/log', 'starting\n12:00:00 File Server started Tue\n');
    assert.match((await m.probe(moduleContext(t), m.schema.parse({ path: '/log', search_regex: 'File Server started', timeout: 1 }))).reason, /matches/);
  });
  it('service: started and running is ok; restarted always changes', async () => {
    const t = new MemoryTransport();
    const m = mod('service');
    const ctx = moduleContext(t);
    assert.deepEqual((await m.probe(ctx, m.schema.parse({ name: 'codasrv', status_command: 'true' }))).changes, []);
    assert.deepEqual((await m.probe(ctx, m.schema.parse({ name: 'codasrv', state: 'restarted' }))).changes, ['restart codasrv']);
  });
  it('debug: shows the message', async () => {
    const m = mod('debug');
    assert.equal((await m.probe(moduleContext(new MemoryTransport()), m.schema.parse({ msg: 'EVIDENCE' }))).reason, 'EVIDENCE');
  });
});
