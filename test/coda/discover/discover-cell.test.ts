// `codaplay inventory discover` on a lab (issue 10, item 6): the discovered inventory agrees with the lab's own
// for every existing server, and once its commented new server and client are filled in (as a user would, from
// the lab's inventory) it drives add-replica to evidence, and a rerun changes nothing.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { codaplay, parseJsonReport, taskResults, totalChanged } from '../../helpers/cli.js';
import { labUp, type LabCell } from '../../helpers/lab-cell.js';

type Hosts = Record<string, Record<string, unknown>>;
interface InventoryDoc { all: { vars: Record<string, unknown>; children: Record<string, { hosts?: Hosts | null }> } }

const hostsOf = (doc: InventoryDoc, group: string): Hosts => doc.all.children[group]?.hosts ?? {};
/** Remove one level of `# ` from the commented host entries (8 spaces in), as a user uncommenting them would. */
const uncomment = (text: string): string => text.replace(/^( {8})# /gm, '$1');

describe('inventory discover on a lab', function () {
  this.timeout(600_000);
  let cell: LabCell;
  let scratch: string;
  let lab: InventoryDoc;
  let discovered: string;
  before(async () => {
    cell = await labUp(['--servers', '2', '--volumes', '2', '--files', '4']);
    scratch = mkdtempSync('/tmp/cpd-');
    lab = yaml.load(readFileSync(cell.inventory, 'utf8')) as InventoryDoc;
    const scm = hostsOf(lab, 'scm').scm!;
    const out = join(scratch, 'discovered.yaml');
    const r = await codaplay(['inventory', 'discover', '--scm', String(scm.address), '--port', String(scm.port), '-u', String(scm.user),
      '-i', String(scm.identity_file), '--known-hosts', String(scm.known_hosts_file), '-o', out]);
    assert.equal(r.code, 0, r.stderr);
    discovered = readFileSync(out, 'utf8');
  });
  after(async () => { await cell?.down(); if (scratch) rmSync(scratch, { recursive: true, force: true }); });

  it('finds every server with the lab\'s own address, name, confdir, vicedir and partition, and the volumes', () => {
    const doc = yaml.load(discovered) as InventoryDoc;
    const found = { ...hostsOf(doc, 'scm'), ...hostsOf(doc, 'servers') };
    assert.deepEqual(Object.keys(found).sort(), ['scm', 'srv2']);
    for (const [name, entry] of Object.entries(found)) {
      const mine = hostsOf(lab, 'servers')[name]!;
      for (const key of ['address', 'port', 'user', 'identity_file', 'known_hosts_file', 'coda_name', 'coda_confdir', 'vicedir', 'partition']) {
        assert.equal(entry[key], mine[key], `${name}.${key}`);
      }
    }
    const vrlist = cell.file('scm', 'vice/db/VRList').split('\n').filter(Boolean).map((l) => l.trim().split(/\s+/)[0]);
    assert.deepEqual(doc.all.vars.volumes, vrlist);
    assert.equal(doc.all.vars.realm, lab.all.vars.realm);
    assert.equal(String(doc.all.vars.coda_version), String(lab.all.vars.coda_version));
    assert.deepEqual(hostsOf(doc, 'replicas'), {}, 'the new server is left commented');
    assert.deepEqual(hostsOf(doc, 'clients'), {}, 'the clients are left commented');
  });

  it('filled in from the lab\'s inventory, drives add-replica to evidence, and a rerun reports changed=0', async () => {
    const doc = yaml.load(uncomment(discovered)) as InventoryDoc;
    const fill = (group: string, template: string, name: string) => {
      const entry = hostsOf(doc, group)[template];
      assert.ok(entry, `a commented ${template} entry under ${group}`);
      const mine = hostsOf(lab, group)[name]!;
      for (const key of Object.keys(entry)) if (key in mine) entry[key] = mine[key];
      doc.all.children[group]!.hosts = { [name]: entry };
      return entry;
    };
    const newServer = fill('replicas', 'newserver', 'new1');
    const labConfig = JSON.parse(cell.file('', 'lab.json')) as { hosts: { short: string; serverId?: number }[] };
    assert.equal(newServer.server_id, labConfig.hosts.find((h) => h.short === 'new1')!.serverId, 'the proposed id is the lowest free one');
    fill('clients', 'client1', 'client1');
    const inventory = join(scratch, 'filled.yaml');
    writeFileSync(inventory, yaml.dump(doc));
    const first = await codaplay(['run', 'add-replica', '-i', inventory, '--json']);
    assert.equal(first.code, 0, `${first.stdout.slice(-2000)}\n${first.stderr.slice(-2000)}`);
    const [verify] = taskResults(parseJsonReport(first.stdout), /Check getvolinfo/, 'scm');
    assert.equal(verify?.status, 'ok');
    assert.match(String(verify?.data.report), /EVIDENCE/);
    const second = await codaplay(['run', 'add-replica', '-i', inventory, '--json']);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(totalChanged(parseJsonReport(second.stdout)), 0);
  });
});
