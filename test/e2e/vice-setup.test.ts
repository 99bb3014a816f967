// End to end for issue 5: a new server that merely has the Coda software installed becomes a replica in one
// codaplay run (vice-setup fed the inventory's answers prompt by prompt).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codaplay, parseJsonReport, taskResults, totalChanged } from '../helpers/cli.js';
import { labUp, type LabCell } from '../helpers/lab-cell.js';

async function run(cell: LabCell, extra: string[] = []) {
  const r = await codaplay(['run', 'playbooks/add-replica.yaml', '-i', cell.inventory, '--json', ...extra]);
  return { ...r, report: parseJsonReport(r.stdout) };
}

describe('add-replica from a bare new server (vice-setup, Coda 6.9: 6.9.10\'s questions)', function () {
  this.timeout(240_000);
  let cell: LabCell;
  beforeEach(async () => { cell = await labUp(['--bare-new-server', '--volumes', '2', '--files', '4']); });
  afterEach(async () => { await cell?.down(); });

  it('sets the host up, adds it as a replica with evidence, and reruns with changed=0', async () => {
    const first = await run(cell);
    assert.equal(first.code, 0, `${first.stderr}\n${JSON.stringify(first.report.stats)}`);
    const [setup] = taskResults(first.report, /Run vice-setup/, 'new1');
    assert.equal(setup?.status, 'changed');
    assert.ok(existsSync(join(cell.dir, 'new1/etc/server.conf')), '6.9 keeps server.conf in <prefix>/etc');
    assert.ok(!JSON.stringify(first.report).includes(cell.file('scm', 'vice/db/update.tk').trim()), 'the update token never appears in the report');
    assert.match(String(taskResults(first.report, /Check getvolinfo/, 'scm')[0]?.data.report), /FTREEDB on new1\.coda\.lab/);
    const second = await run(cell);
    assert.equal(totalChanged(second.report), 0, JSON.stringify(second.report.stats));
  });

  it('stops at a question it does not know, before sending any further answer', async () => {
    await cell.fault('new1', 'viceSetupPromptDrift=true');
    const r = await run(cell);
    assert.notEqual(r.code, 0);
    const [setup] = taskResults(r.report, /Run vice-setup/, 'new1');
    assert.equal(setup?.status, 'failed');
    assert.match(setup!.reason, /asked "Do you want to enable the experimental IPv6 support\? \(y\/n\)" where the SCM hostname question was expected; stopped before answering \(it would have answered "scm\.coda\.lab"\)/);
    assert.ok(!existsSync(join(cell.dir, 'new1/vice/db/scm')), 'the SCM name was never sent');
  });

  it('reports a half set-up host and leaves it alone unless --force-setup', async () => {
    mkdirSync(join(cell.dir, 'new1/etc'), { recursive: true });
    writeFileSync(join(cell.dir, 'new1/etc/server.conf'), `vicedir=${join(cell.dir, 'new1/vice')}\n`);
    mkdirSync(join(cell.dir, 'new1/vice/db'), { recursive: true });
    writeFileSync(join(cell.dir, 'new1/vice/db/scm'), 'scm.coda.lab\n');
    const r = await run(cell);
    assert.notEqual(r.code, 0);
    assert.match(taskResults(r.report, /Run vice-setup/, 'new1')[0]!.reason, /half set up: it has server\.conf, db\/scm but lacks .*FTREEDB/);
    assert.equal(cell.file('new1', 'vice/db/scm'), 'scm.coda.lab\n', 'nothing was wiped');
    const forced = await run(cell, ['--force-setup']);
    assert.equal(forced.code, 0, forced.stderr);
  });
});

describe('add-replica from a bare new server (vice-setup, Coda 8.1)', function () {
  this.timeout(240_000);
  let cell: LabCell;
  beforeEach(async () => { cell = await labUp(['--bare-new-server', '--volumes', '1', '--files', '2', '--coda-version', '8.1']); });
  afterEach(async () => { await cell?.down(); });

  it('answers 8.1\'s questions (codatunnel; the maximum-files question ends in a newline) and adds the replica', async () => {
    const first = await run(cell);
    assert.equal(first.code, 0, `${first.stderr}\n${JSON.stringify(first.report.stats)}`);
    assert.equal(taskResults(first.report, /Run vice-setup/, 'new1')[0]?.status, 'changed');
    assert.match(cell.file('new1', 'etc/coda/server.conf'), /codatunnel=0/);
    assert.match(cell.file('new1', 'vice/db/vicetab'), /new1\.coda\.lab {3}\S+ {3}ftree {3}width=64,depth=3\n/);
  });

  it('stops on an unexpected question printed with echo (ending in a newline), naming it, well before its timeout', async () => {
    await cell.fault('new1', 'viceSetupPromptDrift=2');
    const r = await run(cell);
    assert.notEqual(r.code, 0);
    const [setup] = taskResults(r.report, /Run vice-setup/, 'new1');
    assert.equal(setup?.status, 'failed');
    // The reason is the unexpected question, not "vice-setup exited … after N answer(s)" (the timeout's kill).
    assert.match(setup!.reason, /asked "Select the IPv6 mode for the server\. \[off, dual, only\]:" where the SCM hostname question was expected; stopped before answering \(it would have answered "scm\.coda\.lab"\)/);
    assert.ok(!existsSync(join(cell.dir, 'new1/vice/db/scm')), 'the SCM name was never sent');
  });
});
