// A playbook argument with no path separator that names no file here is the bundled playbook of that name.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledPlaybooksDir, resolvePlaybookPath } from '../../src/cli/playbook-path.js';
import { REPO } from '../helpers/cli.js';

describe('resolvePlaybookPath', () => {
  const cwd = mkdtempSync('/tmp/cpp-');
  writeFileSync(join(cwd, 'mine.yaml'), '- hosts: all\n  tasks: []\n');
  writeFileSync(join(cwd, 'add-replica'), '# a file of the user named like a bundled playbook\n');
  after(() => rmSync(cwd, { recursive: true, force: true }));

  it('finds the repository\'s playbooks/ directory', () => {
    assert.equal(bundledPlaybooksDir(), join(REPO, 'playbooks'));
  });

  const cases: { arg: string; expected: (dir: string) => string; why: string }[] = [
    { arg: 'add-replica.yaml', expected: (d) => join(d, 'add-replica.yaml'), why: 'a bundled name with .yaml' },
    { arg: 'mine.yaml', expected: () => 'mine.yaml', why: 'a file in the current directory wins' },
    { arg: 'add-replica', expected: () => 'add-replica', why: 'a file of that exact name here wins over the bundled one' },
    { arg: './add-replica.yaml', expected: () => './add-replica.yaml', why: 'a path is the user\'s, even if it does not exist' },
    { arg: 'playbooks/add-replica.yaml', expected: () => 'playbooks/add-replica.yaml', why: 'a relative path is used as given' },
    { arg: 'nosuch', expected: () => 'nosuch', why: 'an unknown name is left for the loader to report' },
  ];
  for (const c of cases) {
    it(`${c.arg}: ${c.why}`, () => assert.equal(resolvePlaybookPath(c.arg, cwd), c.expected(bundledPlaybooksDir())));
  }

  it('add-replica (no suffix) from a directory without such a file is the bundled one', () => {
    const empty = mkdtempSync('/tmp/cpp-');
    try {
      assert.equal(resolvePlaybookPath('add-replica', empty), join(bundledPlaybooksDir(), 'add-replica.yaml'));
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
