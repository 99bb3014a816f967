// The simulated vice-setup against real bytes: Coda 8.1's transcripts in OBSERVED.md (fixtures copied from it
// verbatim) and, for 6.9, the transcript Coda 6.9.10's scripts print (fixture written from reading
// coda-src/scripts/vice-setup*.in at tag coda-6.9.10: server.conf question, no codatunnel, `echo ""` after the
// RVM question, "preferrably", the 6.x closing). Answers are fed on standard input, as OBSERVED's run did.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { labUp, type LabCell } from '../helpers/lab-cell.js';

const fixture = (name: string): string => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');

function viceSetup(cell: LabCell, answers: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(join(cell.dir, 'bin', 'vice-setup'), [], {
    input: answers.map((a) => `${a}\n`).join(''), encoding: 'utf8',
    env: { ...process.env, CODA_LAB_DIR: cell.dir, CODA_LAB_HOST: 'new1', PATH: `${join(cell.dir, 'bin')}:${process.env.PATH}` },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** OBSERVED's names and paths: the lab's host root goes, scm -> scm1.coda.test, the host set up -> `self`. */
function normalise(cell: LabCell, text: string, self: string): string {
  return text.split(join(cell.dir, 'new1')).join('')
    .replace(/scm\.coda\.lab/g, 'scm1.coda.test').replace(/new1\.coda\.lab/g, self)
    .replace(/^Date: .*$/m, 'Date: Tue 11/24/2026').replace(/^\d\d:\d\d:\d\d Fetch/m, '01:53:42 Fetch');
}

function resetNew1(cell: LabCell): void {
  for (const p of ['vice', 'vicepa', 'vice-rvm', 'etc/server.conf', 'etc/coda/server.conf']) rmSync(join(cell.dir, 'new1', p), { recursive: true, force: true });
}

const rvmAnswers = (cell: LabCell): string[] => ['yes', `${cell.dir}/new1/vice-rvm/LOG`, '2M', `${cell.dir}/new1/vice-rvm/DATA`, '32M', 'y', `${cell.dir}/new1/vicepa`, 'y', '256K'];
const nonScm = (cell: LabCell, v6: boolean): string[] => [...(v6 ? [''] : []), `${cell.dir}/new1/vice`, 'n', 'scm.coda.lab', cell.file('scm', 'vice/db/update.tk').trim(), ...(v6 ? [] : ['no']), ...rvmAnswers(cell)];
const scm = (cell: LabCell, v6: boolean): string[] => [...(v6 ? [''] : []), `${cell.dir}/new1/vice`, 'y', 'updtok', 'authtok', 'voltok', ...(v6 ? [] : ['no']), '1', '1001', 'admin', ...rvmAnswers(cell), 'n'];

describe('simulated vice-setup, byte for byte (Coda 8.1)', function () {
  this.timeout(120_000);
  let cell: LabCell;
  before(async () => { cell = await labUp(['--bare-new-server', '--volumes', '1', '--files', '1', '--coda-version', '8.1']); });
  after(async () => { await cell?.down(); });
  beforeEach(() => resetNew1(cell));

  it('non-SCM path: exactly OBSERVED.md\'s transcript (the maximum-files question ends "]: \\n")', () => {
    const r = viceSetup(cell, nonScm(cell, false));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(normalise(cell, r.stdout, 'srv2.coda.test'), fixture('vice-setup-8.1-non-scm.txt'));
    assert.match(cell.file('new1', 'etc/coda/server.conf'), /^vicedir=.*\nrvmtruncate=5\ntrace=100\ncodatunnel=0\nrvm_log=/);
  });
  it('SCM path: OBSERVED.md\'s opening up to the RVM questions and its closing lines', () => {
    const r = viceSetup(cell, scm(cell, false));
    assert.equal(r.code, 0, r.stderr);
    const out = normalise(cell, r.stdout, 'scm1.coda.test');
    assert.ok(out.startsWith(fixture('vice-setup-8.1-scm-head.txt')), out.slice(0, 2500));
    assert.ok(out.endsWith(fixture('vice-setup-8.1-scm-tail.txt')), out.slice(-800));
  });
  const LOOPS: { name: string; answers: (c: LabCell) => string[]; want: string }[] = [
    { name: 'a yes/no question re-asks on anything else, an empty answer too', answers: (c) => [`${c.dir}/new1/vice`, 'maybe', ''], want: 'Is this the master server, aka the SCM machine? (y/n) Please answer yes or no.\nIs this the master server, aka the SCM machine? (y/n) Please answer yes or no.\n' },
    { name: 'the SCM name is asked until given', answers: (c) => [`${c.dir}/new1/vice`, 'n', '', ''], want: 'Enter the hostname of the SCM machine : Enter the hostname of the SCM machine : ' },
    { name: 'an unknown SCM: updatefetch\'s bind failure on stdout, then "Could not contact SCM." and exit 1', answers: (c) => [`${c.dir}/new1/vice`, 'n', 'nosuch.coda.lab', 'tok'], want: ' Bind failed with RPC2_NOBINDING (F)\n\nCould not contact SCM.\nCheck whether the updatesrv process is running on the SCM.\n' },
    { name: 'the default vicedir is the simulated host\'s /vice', answers: () => [''], want: '/new1/vice.\nDirectories under ' },
  ];
  for (const row of LOOPS) {
    it(row.name, () => {
      const r = viceSetup(cell, row.answers(cell));
      assert.ok(r.stdout.includes(row.want), JSON.stringify(r.stdout));
      assert.equal(r.code, 1, 'input ended in a loop (the real script spins) or the script gave up');
    });
  }
  it('vice-setup with an argument prints its usage and exits 1 (8.1: no -n)', () => {
    const r = spawnSync(join(cell.dir, 'bin', 'vice-setup'), ['-x'], { encoding: 'utf8', env: { ...process.env, CODA_LAB_DIR: cell.dir, CODA_LAB_HOST: 'new1' } });
    assert.equal(r.status, 1);
    assert.equal(r.stdout, `Usage: ${join(cell.dir, 'bin', 'vice-setup')}\n`);
  });
});

describe('simulated vice-setup, byte for byte (Coda 6.9: 6.9.10\'s scripts)', function () {
  this.timeout(120_000);
  let cell: LabCell;
  before(async () => { cell = await labUp(['--bare-new-server', '--volumes', '1', '--files', '1']); });
  after(async () => { await cell?.down(); });
  beforeEach(() => resetNew1(cell));

  it('non-SCM path: server.conf question first, no codatunnel, 6.9.10\'s wording; server.conf in <prefix>/etc', () => {
    const r = viceSetup(cell, nonScm(cell, true));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(normalise(cell, r.stdout, 'srv2.coda.test'), fixture('vice-setup-6.9-non-scm.txt'));
    assert.match(cell.file('new1', 'etc/server.conf'), /^vicedir=.*\nnumservers=1\nrvmtruncate=5\ntrace=100\nrvm_log=/);
  });
  it('SCM path: vice-setup-user does not parse, so the setup stops there (as on a real 6.9.10 SCM)', () => {
    const r = viceSetup(cell, scm(cell, true));
    assert.equal(r.code, 1);
    assert.equal(r.stderr, `${join(cell.dir, 'bin', 'vice-setup-user')}: 69: Syntax error: ";" unexpected\n`);
    assert.ok(r.stdout.endsWith('/etc/passwd authentication for Coda)\n\nYour coda server is not completely setup.  You will need\n'
      + `set it up by hand or fix the problems and rerun ${join(cell.dir, 'bin', 'vice-setup')}.\n`), r.stdout.slice(-400));
  });
  it('vice-setup with an argument prints 6.9.10\'s usage', () => {
    const r = spawnSync(join(cell.dir, 'bin', 'vice-setup'), ['-x'], { encoding: 'utf8', env: { ...process.env, CODA_LAB_DIR: cell.dir, CODA_LAB_HOST: 'new1' } });
    assert.equal(r.status, 1);
    assert.equal(r.stdout, `Usage: ${join(cell.dir, 'bin', 'vice-setup')} [-n number-of-server-processes]\n`);
  });
});
