import assert from 'node:assert/strict';
import type { RunEvent } from '../../src/engine/events.js';
import { emptyStats, type TaskResult } from '../../src/engine/result.js';
import { createJsonReporter } from '../../src/report/json-reporter.js';
import { createPlainReporter } from '../../src/report/plain-reporter.js';
import { renderDiff } from '../../src/report/diff-text.js';
import { resultLine } from '../../src/report/result-line.js';
import { createReporter } from '../../src/report/create-reporter.js';

const res = (over: Partial<TaskResult>): TaskResult => ({ host: 'h1', task: 'T', module: 'm', status: 'ok', reason: 'fine', diff: [], commands: [], durationMs: 1, data: {}, ...over });

const sink = () => { const chunks: string[] = []; return { chunks, write: (s: string) => chunks.push(s), text: () => chunks.join('') }; };

const events = (r: TaskResult[]): RunEvent[] => [
  { type: 'run-start', playbook: 'pb.yaml', check: false, hosts: ['h1', 'h2'] },
  { type: 'play-start', play: 'P', hosts: ['h1', 'h2'] },
  { type: 'task-start', play: 'P', task: 'T', hosts: ['h1', 'h2'], location: 'pb.yaml:4' },
  ...r.map((result): RunEvent => ({ type: 'host-task-result', result })),
  { type: 'task-end', task: 'T' },
  { type: 'play-end', play: 'P' },
  { type: 'run-end', stats: { h1: { ...emptyStats(), ok: 1 }, h2: { ...emptyStats(), failed: 1 } }, exitCode: 2, interrupted: false },
];

describe('report: plain lines (ansible style)', () => {
  const table: [Partial<TaskResult>, string][] = [
    [{ status: 'ok', reason: 'line exists in /f' }, 'ok: [h1] line exists in /f'],
    [{ status: 'changed', reason: 'added' }, 'changed: [h1] added'],
    [{ status: 'skipped', reason: 'when was false: x' }, 'skipping: [h1] when was false: x'],
    [{ status: 'failed', reason: 'r', error: { message: 'boom', exitMeaning: 'exit 127: command not found', location: 'pb.yaml:4' } }, 'fatal: [h1]: FAILED! => boom\n  exit 127: command not found\n  task at pb.yaml:4, module m'],
    [{ status: 'failed', reason: 'r', ignored: true, error: { message: 'boom' } }, 'fatal: [h1]: FAILED! => boom\n  module m\n...ignoring'],
    [{ status: 'unreachable', reason: 'r', error: { message: 'connect: refused', hint: 'is sshd running?' } }, 'fatal: [h1]: UNREACHABLE! => connect: refused\n  module m\n  hint: is sshd running?'],
    [{ status: 'changed', reason: 'set password s3cret' }, 'changed: [h1] set password ********'],
  ];
  for (const [over, line] of table) it(line.split('\n')[0]!, () => assert.equal(resultLine(res(over), ['s3cret']), line));

  it('prints banners, results and the recap', () => {
    const out = sink();
    const rep = createPlainReporter(out, { diff: false, verbosity: 0 });
    for (const e of events([res({}), res({ host: 'h2', status: 'failed', error: { message: 'x' } })])) rep.listener(e);
    const text = out.text();
    assert.match(text, /^PLAY \[P\] \*+$/m);
    assert.match(text, /^TASK \[T\] \*+$/m);
    assert.match(text, /^ok: \[h1\] fine$/m);
    assert.match(text, /^PLAY RECAP \*+\nh1 : ok=1 changed=0 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0\nh2 : ok=0 changed=0 unreachable=0 failed=1/m);
  });
});

describe('report: --json', () => {
  it('prints ONE document in the shape of ansible\'s json callback, secrets masked', () => {
    const out = sink();
    const rep = createJsonReporter(out, ['pw1']);
    for (const e of events([res({ reason: 'uses pw1' }), res({ host: 'h2', status: 'failed' })])) rep.listener(e);
    assert.equal(out.chunks.length, 1);
    const doc = JSON.parse(out.text());
    assert.deepEqual(Object.keys(doc), ['plays', 'stats']);
    assert.deepEqual(doc.plays[0].play, { name: 'P' });
    assert.deepEqual(doc.plays[0].tasks[0].task, { name: 'T', location: 'pb.yaml:4' });
    assert.equal(doc.plays[0].tasks[0].hosts.h1.reason, 'uses ********');
    assert.equal(doc.plays[0].tasks[0].hosts.h2.status, 'failed');
    assert.deepEqual(Object.keys(doc.stats.h1).sort(), ['changed', 'failed', 'ignored', 'ok', 'rescued', 'skipped', 'unreachable']);
  });
});

describe('report: diffs and choice of reporter', () => {
  it('renders a unified diff with secrets masked', () => {
    const text = renderDiff({ path: '/etc/x', before: 'a\npw=hunter2\n', after: 'a\npw=hunter2\nb\n' }, ['hunter2']);
    assert.match(text, /^--- \/etc\/x \(before\)/m);
    assert.match(text, /^\+b$/m);
    assert.doesNotMatch(text, /hunter2/);
  });
  it('plain when CI is set even on a TTY; listr2 on a TTY otherwise', async () => {
    const out = Object.assign(sink(), { isTTY: true });
    const plain = await createReporter({ json: false, out, diff: false, verbosity: 0, env: { CI: 'true' } });
    plain.listener({ type: 'play-start', play: 'P', hosts: [] });
    assert.match(out.text(), /PLAY \[P\]/);
    const out2 = Object.assign(sink(), { isTTY: true });
    const listr = await createReporter({ json: false, out: out2, diff: false, verbosity: 0, env: {} });
    listr.listener({ type: 'play-start', play: 'P', hosts: [] });
    assert.equal(out2.text(), '');
  });
});
