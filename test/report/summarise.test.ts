// Output at scale (issue 11): 50 clients and 1,000 volumes must not mean 50 skip lines per task or a 1,000-line
// message, in the plain output and the listr2 view alike; --json keeps every host and every row.
import assert from 'node:assert/strict';
import type { RunEvent } from '../../src/engine/events.js';
import { emptyStats, type TaskResult } from '../../src/engine/result.js';
import { createPlainReporter } from '../../src/report/plain-reporter.js';
import { createJsonReporter } from '../../src/report/json-reporter.js';
import { summaryText, type Pending, type TaskView } from '../../src/report/listr-reporter.js';
import { capLines, compactHosts, MAX_RESULT_LINES } from '../../src/report/summarise.js';

const res = (host: string, over: Partial<TaskResult> = {}): TaskResult => ({ host, task: 'T', module: 'm', status: 'ok', reason: 'fine', diff: [], commands: [], durationMs: 1, data: {}, ...over });
const clients = Array.from({ length: 50 }, (_, i) => `client${i + 1}`);
const hosts = ['scm', 'new1', ...clients];
const skip = (h: string) => res(h, { status: 'skipped', reason: "when was false: 'scm' in group_names" });

function plain(results: TaskResult[], verbosity = 0): string[] {
  let text = '';
  const rep = createPlainReporter({ write: (s: string) => { text += s; } }, { diff: false, verbosity });
  const events: RunEvent[] = [
    { type: 'play-start', play: 'P', hosts },
    { type: 'task-start', play: 'P', task: 'T', hosts, location: 'pb.yaml:4' },
    ...results.map((result): RunEvent => ({ type: 'host-task-result', result })),
    { type: 'task-end', task: 'T' },
    { type: 'run-end', stats: Object.fromEntries(hosts.map((h) => [h, emptyStats()])), exitCode: 0, interrupted: false },
  ];
  for (const e of events) rep.listener(e);
  return text.split('\n');
}

describe('report: summarising at scale', () => {
  it('names numbered hosts as Ansible ranges and elides a long list', () => {
    assert.equal(compactHosts(['new1', ...clients]), 'new1, client[1:50]');
    assert.equal(compactHosts(['web01', 'web02', 'web03', 'db1']), 'web[01:03], db1');
    assert.equal(compactHosts(['a1', 'a2', 'b']), 'a1, a2, b');
    assert.equal(compactHosts(['client1', 'client3', 'client5', 'x', 'y', 'z', 'p', 'q', 'r', 's']), 'client1, client3, client5, x, y, z, …, s');
  });

  it('plain: 51 skipped hosts are one line, the host that ran keeps its own', () => {
    const lines = plain([...hosts.slice(1).map(skip), res('scm', { status: 'changed', reason: 'took the lock' })]);
    const skipping = lines.filter((l) => l.startsWith('skipping:'));
    assert.deepEqual(skipping, ["skipping: [new1, client[1:50]] (51 hosts) when was false: 'scm' in group_names"]);
    assert.ok(lines.includes('changed: [scm] took the lock'));
    assert.ok(lines.indexOf(skipping[0]!) < lines.indexOf('changed: [scm] took the lock'), 'skips are printed before the next result, as they came');
  });

  it('plain: up to three skipped hosts keep a line each; -v prints every host', () => {
    assert.equal(plain([skip('scm'), skip('new1'), res('client1')]).filter((l) => l.startsWith('skipping: [')).length, 2);
    assert.equal(plain(hosts.map(skip), 1).filter((l) => l.startsWith('skipping: [')).length, 52);
  });

  it('plain: a 1,000-line failure shows its first lines and a count; --json keeps it whole', () => {
    const message = `create_rep failed for 1000 volume(s):\n${Array.from({ length: 1000 }, (_, i) => `create_rep vol${i}.1: exit 1`).join('\n')}`;
    const failed = res('scm', { status: 'failed', error: { message } });
    const lines = plain([failed]);
    assert.ok(lines.filter((l) => l.startsWith('create_rep vol')).length < MAX_RESULT_LINES, 'at most MAX_RESULT_LINES lines of it');
    assert.ok(lines.some((l) => /^… \d+ more line\(s\) \(--json has the whole text\)$/.test(l)));
    let json = '';
    const rep = createJsonReporter({ write: (s: string) => { json += s; } });
    for (const e of [{ type: 'play-start', play: 'P', hosts }, { type: 'task-start', play: 'P', task: 'T', hosts, location: 'x' }, { type: 'host-task-result', result: failed }, { type: 'task-end', task: 'T' }, { type: 'run-end', stats: {}, exitCode: 2, interrupted: false }] as RunEvent[]) rep.listener(e);
    assert.ok(json.includes('create_rep vol999.1: exit 1'));
  });

  it('capLines leaves a short text alone', () => {
    assert.equal(capLines('a\nb'), 'a\nb');
    assert.equal(capLines('1\n2\n3\n4', 3), '1\n2\n… 2 more line(s) (--json has the whole text)');
  });

  it('listr2 view: a task that 50 clients run is one line per status, plus the skip line', () => {
    const view: TaskView = { hosts: new Map(), order: new Map(hosts.map((h, i) => [h, i])), all: Promise.resolve() };
    const done = (r: TaskResult): Pending => ({ resolve: () => undefined, promise: Promise.resolve(r), result: r });
    view.hosts.set('scm', done(res('scm', { status: 'skipped', reason: 'when was false: c' })));
    view.hosts.set('new1', done(res('new1', { status: 'skipped', reason: 'when was false: c' })));
    for (const c of clients.slice(0, 45)) view.hosts.set(c, done(res(c, { status: 'changed', reason: 'walked' })));
    for (const c of clients.slice(45)) view.hosts.set(c, { resolve: () => undefined, promise: new Promise(() => undefined) });
    assert.deepEqual(summaryText(view, (s) => s)!.split('\n'), [
      'running: [client[46:50]] (5 hosts)',
      'changed: [client[1:45]] (45 hosts) walked',
      'skipping: [scm] when was false: c',
      'skipping: [new1] when was false: c',
    ]);
  });

  it('listr2 view: a small task keeps per-host lines; its skipped hosts are one line', () => {
    const view: TaskView = { hosts: new Map(), order: new Map(hosts.map((h, i) => [h, i])), all: Promise.resolve() };
    for (const h of hosts) {
      const r = h === 'scm' ? res('scm') : skip(h);
      view.hosts.set(h, { resolve: () => undefined, promise: Promise.resolve(r), result: r });
    }
    assert.equal(summaryText(view, (s) => s), "skipping: [new1, client[1:50]] (51 hosts) when was false: 'scm' in group_names");
  });
});
