// Installable the way Node CLIs are (issue 10, item 7): `npm pack` gives the built code, playbooks, docs and the
// example inventory but no tests; `npm install -g --prefix` of the tarball gives a `codaplay` that, from a
// directory far from the checkout, brings a lab up, pings it and runs the bundled add-replica by name.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { REPO } from '../helpers/cli.js';

describe('npm pack + npm install -g of the tarball', function () {
  this.timeout(900_000);
  const tmp = mkdtempSync('/tmp/cpi-');
  const prefix = join(tmp, 'prefix');
  const cwd = mkdtempSync('/tmp/cpw-');
  const labDir = mkdtempSync('/tmp/cpl-');
  const bin = join(prefix, 'bin', 'codaplay');
  const installed = (args: string[]) => execa(bin, args, { cwd, reject: false, env: { CI: 'true' } });
  let files: string[] = [];

  before(async () => {
    const pack = await execa('npm', ['pack', '--pack-destination', tmp, '--json'], { cwd: REPO, reject: false });
    assert.equal(pack.exitCode, 0, String(pack.stderr));
    const [info] = JSON.parse(String(pack.stdout).slice(String(pack.stdout).indexOf('['))) as { filename: string; files: { path: string }[] }[];
    files = info!.files.map((f) => f.path);
    const tarball = join(tmp, readdirSync(tmp).find((f) => f.endsWith('.tgz'))!);
    const install = await execa('npm', ['install', '-g', '--prefix', prefix, tarball, '--prefer-offline', '--no-audit', '--no-fund'], { cwd: tmp, reject: false });
    assert.equal(install.exitCode, 0, String(install.stderr));
  });
  after(async () => {
    if (existsSync(bin)) await installed(['lab', 'down', '--dir', labDir]);
    for (const d of [tmp, cwd, labDir]) rmSync(d, { recursive: true, force: true });
  });

  it('packs the compiled CLI and lab tools, the playbooks, docs, README and example inventory, and no tests', () => {
    for (const f of ['dist/src/cli/main.js', 'dist/src/lab/tools/main.js', 'playbooks/add-replica.yaml', 'inventory.example.yaml', 'README.md', 'docs/lab.md', 'package.json']) {
      assert.ok(files.includes(f), `${f} is in the package`);
    }
    assert.deepEqual(files.filter((f) => /^(dist\/)?(test|scripts)\/|\.test\.|\.ts$/.test(f)), [], 'no tests, scripts or sources');
  });

  it('the installed codaplay, from another directory: lab up, ping, and run add-replica by name', async () => {
    const up = await installed(['lab', 'up', '--dir', labDir, '--time-factor', '0.02', '--volumes', '2', '--files', '4']);
    assert.equal(up.exitCode, 0, `${up.stdout}\n${up.stderr}`);
    const lab = JSON.parse(readFileSync(join(labDir, 'lab.json'), 'utf8')) as { toolsEntry: string };
    assert.ok(lab.toolsEntry.startsWith(prefix), `the lab's tool shims run the installed package's tools (${lab.toolsEntry})`);
    const inventory = join(labDir, 'inventory.yaml');
    const ping = await installed(['ping', '-i', inventory]);
    assert.equal(ping.exitCode, 0, `${ping.stdout}\n${ping.stderr}`);
    const run = await installed(['run', 'add-replica', '-i', inventory]);
    assert.equal(run.exitCode, 0, `${String(run.stdout).slice(-2000)}\n${run.stderr}`);
    assert.match(String(run.stdout), /EVIDENCE/);
    const rerun = await installed(['run', 'add-replica.yaml', '-i', inventory, '--json']);
    assert.equal(rerun.exitCode, 0, String(rerun.stderr));
    const stats = (JSON.parse(String(rerun.stdout)) as { stats: Record<string, { changed: number }> }).stats;
    assert.equal(Object.values(stats).reduce((n, s) => n + s.changed, 0), 0);
  });
});
