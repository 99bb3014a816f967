import assert from 'node:assert/strict';
import { runPlaybook, RunOptionsError } from '../../src/engine/run-playbook.js';
import { harness, play, results, task } from './fakes.js';

const write = (name: string, text = 'x', extra = {}) => task(name, 'line', { path: '/f', text }, extra);

describe('engine: runPlaybook', () => {
  it('runs every task on every host, task by task (linear), one result per host per task', async () => {
    const h = harness([play([write('a'), write('b')])]);
    const out = await runPlaybook(h.ctx);
    const rs = results(h.events);
    assert.deepEqual(rs.map((r) => `${r.task}/${r.host}/${r.status}`).sort(), ['a/h1/changed', 'a/h2/changed', 'a/h3/changed', 'b/h1/ok', 'b/h2/ok', 'b/h3/ok']);
    // linear: every result of task a arrives before any result of task b
    const order = rs.map((r) => r.task).join('');
    assert.equal(order, 'aaabbb');
    assert.equal(out.exitCode, 0);
    assert.deepEqual(out.stats.h1, { ok: 2, changed: 1, unreachable: 0, failed: 0, skipped: 0, ignored: 0, rescued: 0 });
    assert.ok([...h.transports.values()].every((t) => t.closed), 'transports closed at the end');
  });

  it('check mode: plans without changing, non-check-safe modules are skipped', async () => {
    const h = harness([play([write('a'), task('cmd', 'run', { cmd: 'touch /x' })])], ['h1'], { check: true });
    await runPlaybook(h.ctx);
    const [a, cmd] = results(h.events);
    assert.equal(a!.status, 'changed');
    assert.equal(a!.diff[0]!.after, 'x');
    assert.ok(a!.commands.every((c) => c.planned));
    assert.equal(cmd!.status, 'skipped');
    assert.match(cmd!.reason, /check mode/);
    assert.equal(h.transports.get('h1')!.files.size, 0);
    assert.deepEqual(h.transports.get('h1')!.log, []);
  });

  it('a failed host leaves the run, the others go on; exit 2', async () => {
    const h = harness([play([task('t', 'run', { cmd: 'x', rc: "{{ 1 if inventory_hostname == 'h2' else 0 }}" }), write('next')])]);
    const out = await runPlaybook(h.ctx);
    const rs = results(h.events);
    assert.equal(rs.find((r) => r.host === 'h2')!.status, 'failed');
    assert.equal(rs.filter((r) => r.task === 'next').map((r) => r.host).join(','), 'h1,h3');
    assert.equal(out.stats.h2!.failed, 1);
    assert.equal(out.exitCode, 2);
  });

  it('ignore_errors keeps the host, counts ok + ignored, exit 0', async () => {
    const h = harness([play([task('t', 'run', { cmd: 'x', rc: 3 }, { ignoreErrors: true }), write('next')])], ['h1']);
    const out = await runPlaybook(h.ctx);
    assert.equal(results(h.events).length, 2);
    assert.equal(out.stats.h1!.ignored, 1);
    assert.equal(out.stats.h1!.failed, 0);
    assert.equal(out.exitCode, 0);
  });

  it('unreachable hosts are counted apart and run nothing more; exit 4 wins over 2', async () => {
    const h = harness([play([task('t', 'run', { cmd: 'x', rc: "{{ 1 if inventory_hostname == 'h1' else 0 }}" }), write('next')])], ['h1', 'h2', 'h3'], {}, { h3: { unreachable: true } });
    const out = await runPlaybook(h.ctx);
    const rs = results(h.events);
    assert.equal(rs.filter((r) => r.host === 'h3').length, 1);
    assert.equal(rs.find((r) => r.host === 'h3')!.status, 'unreachable');
    assert.equal(out.stats.h3!.unreachable, 1);
    assert.equal(out.exitCode, 4);
  });

  it('a connection lost mid-run makes the host unreachable', async () => {
    const h = harness([play([task('a', 'run', { cmd: 'a' }), task('b', 'run', { cmd: 'b' })])], ['h1', 'h2'], {}, { h2: { dropAfter: 1 } });
    const out = await runPlaybook(h.ctx);
    assert.equal(results(h.events).find((r) => r.host === 'h2' && r.task === 'b')!.status, 'unreachable');
    assert.equal(out.stats.h1!.changed, 2);
    assert.equal(out.exitCode, 4);
  });

  it('--limit restricts the hosts of every play', async () => {
    const h = harness([play([write('a')])], ['h1', 'h2', 'h3'], { limit: 'h2' });
    await runPlaybook(h.ctx);
    assert.deepEqual(results(h.events).map((r) => r.host), ['h2']);
  });

  it('--start-at-task skips earlier tasks; an unknown name is an options error', async () => {
    const h = harness([play([write('a'), write('b', 'y')])], ['h1'], { startAtTask: 'b' });
    await runPlaybook(h.ctx);
    assert.deepEqual(results(h.events).map((r) => r.task), ['b']);
    const bad = harness([play([write('a')])], ['h1'], { startAtTask: 'nope' });
    await assert.rejects(runPlaybook(bad.ctx), RunOptionsError);
  });

  it('serial: 1 runs the whole play host by host', async () => {
    const h = harness([play([write('a'), write('b')], { serial: 1 })], ['h1', 'h2']);
    await runPlaybook(h.ctx);
    assert.deepEqual(results(h.events).map((r) => `${r.task}${r.host}`), ['ah1', 'bh1', 'ah2', 'bh2']);
  });

  it('forks bounds hosts in flight', async () => {
    const h = harness([play([write('a')])], ['h1', 'h2', 'h3', 'h4'], { forks: 2 });
    let inFlight = 0; let max = 0;
    const orig = h.ctx.listener;
    h.ctx.listener = (e) => { if (e.type === 'host-task-start') max = Math.max(max, ++inFlight); if (e.type === 'host-task-result') inFlight--; orig(e); };
    await runPlaybook(h.ctx);
    assert.equal(max, 2);
  });

  it('SIGINT (abort) lets the running task finish, starts nothing else, exit 99', async () => {
    const ac = new AbortController();
    const h = harness([play([write('a'), write('b')])], ['h1'], { signal: ac.signal });
    const orig = h.ctx.listener;
    h.ctx.listener = (e) => { orig(e); if (e.type === 'task-end') ac.abort(); };
    const out = await runPlaybook(h.ctx);
    assert.deepEqual(results(h.events).map((r) => r.task), ['a']);
    assert.equal(out.exitCode, 99);
    assert.ok(out.interrupted);
  });

  it('run_once runs on the first host and gives the others its outcome', async () => {
    const h = harness([play([write('a', 'x', { runOnce: true, register: 'r' }), task('b', 'line', { path: '/g', text: 'c={{ r.changed }}' })])], ['h1', 'h2']);
    await runPlaybook(h.ctx);
    const rs = results(h.events);
    assert.deepEqual(rs.filter((r) => r.task === 'a').map((r) => `${r.host}:${r.status}`), ['h1:changed', 'h2:skipped']);
    assert.equal(h.transports.get('h2')!.files.get('/g'), 'c=true');
    assert.equal(h.transports.get('h2')!.files.get('/f'), undefined);
  });

  it('delegate_to uses the delegate host transport with the current host vars', async () => {
    const h = harness([play([task('d', 'line', { path: '/from-{{ who }}', text: 'y' }, { delegateTo: 'h1' })], { hosts: 'h2' })], ['h1', 'h2']);
    await runPlaybook(h.ctx);
    assert.equal(h.transports.get('h1')!.files.get('/from-h2'), 'y');
    assert.equal(results(h.events)[0]!.host, 'h2');
  });
});

describe('engine: a play whose every host failed stops the run (ansible: NO MORE HOSTS LEFT)', () => {
  it('later plays do not run, even on other hosts', async () => {
    const h = harness([
      play([task('pre', 'run', { cmd: 'x', rc: 1 })], { hosts: 'h1' }),
      play([task('later', 'line', { path: '/f', text: 'x' })], { hosts: 'h2' }),
    ], ['h1', 'h2']);
    const out = await runPlaybook(h.ctx);
    assert.deepEqual(results(h.events).map((r) => r.task), ['pre']);
    assert.ok(h.events.some((e) => e.type === 'run-stop'));
    assert.equal(out.exitCode, 2);
  });
  it('a play with some hosts left goes on to the next play', async () => {
    const h = harness([
      play([task('pre', 'run', { cmd: 'x', rc: "{{ 1 if inventory_hostname == 'h1' else 0 }}" })]),
      play([task('later', 'line', { path: '/f', text: 'x' })]),
    ], ['h1', 'h2']);
    await runPlaybook(h.ctx);
    assert.deepEqual(results(h.events).filter((r) => r.task === 'later').map((r) => r.host), ['h2']);
  });
});
