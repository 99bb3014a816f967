// A host that coda_preflight (running on the SCM) cannot reach is `unreachable` in the recap and the run exits 4
// (ansible-playbook's code), instead of a failure of the SCM with exit 2; nothing in the cell changes. Also:
// `-e volumes=vol01` (the shape `run --help` shows) is accepted by the Coda modules at run time.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { codaplay, parseJsonReport, taskResults } from '../helpers/cli.js';
import { labUp, type LabCell } from '../helpers/lab-cell.js';

describe('cli on the lab: preflight finds a host unreachable; -e volumes=NAME', function () {
  this.timeout(240_000);
  let cell: LabCell;
  let broken: string;
  before(async () => {
    cell = await labUp(['--volumes', '2', '--files', '4']);
    // The client's sshd port is wrong in this copy of the inventory: the client cannot be reached.
    const doc = yaml.load(readFileSync(cell.inventory, 'utf8')) as { all: { children: { clients: { hosts: Record<string, Record<string, unknown>> } } } };
    for (const h of Object.values(doc.all.children.clients.hosts)) h.port = 1;
    broken = join(cell.dir, 'broken-client.yaml');
    writeFileSync(broken, yaml.dump(doc));
  });
  after(async () => { await cell?.down(); });

  it('the unreachable client is counted unreachable, exit 4, nothing changed', async () => {
    const before = cell.hashDatabases();
    const r = await codaplay(['run', 'playbooks/add-replica.yaml', '-i', broken, '--json']);
    assert.equal(r.code, 4, r.stderr + r.stdout.slice(-2000));
    const report = parseJsonReport(r.stdout);
    const client = Object.keys(report.stats).find((h) => h.startsWith('client'))!;
    assert.equal(report.stats[client]!.unreachable, 1, JSON.stringify(report.stats));
    const pre = taskResults(report, /^Check hosts/);
    assert.equal(pre.find((x) => x.host === client)?.status, 'unreachable');
    assert.deepEqual(cell.hashDatabases(), before);
  });

  it('-e volumes=vol01 runs the whole job in check mode without a type error', async () => {
    const list = cell.file('scm', 'vice/db/VRList').split('\n').filter(Boolean).map((l) => l.trim().split(/\s+/)[0]!);
    const r = await codaplay(['run', 'playbooks/add-replica.yaml', '-i', cell.inventory, '--check', '--json', '-e', `volumes=${list[0]}`]);
    assert.equal(r.code, 0, r.stderr + r.stdout.slice(-3000));
    const pre = taskResults(parseJsonReport(r.stdout), /^Check hosts/)[0]!;
    assert.deepEqual(pre.data.volumes, [list[0]]);
  });
});
