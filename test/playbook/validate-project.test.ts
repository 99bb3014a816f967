import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateProject } from '../../src/playbook/validate-project.js';
import { builtinModules } from '../../src/modules/registry.js';

describe('validateProject (codaplay validate, no connection)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'codaplay-validate-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string): string => (writeFileSync(join(dir, name), text), join(dir, name));
  const inventory = write('inv.yaml', 'all:\n  children:\n    servers:\n      hosts:\n        s1: {}\n');

  it('warns about a play whose pattern matches no host, with the play\'s line', () => {
    const pb = write('pb.yaml', '- name: ok\n  hosts: servers\n  tasks: []\n- name: nobody\n  hosts: clients\n  tasks: []\n');
    const report = validateProject(pb, inventory, builtinModules);
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.warnings.map((w) => [w.line, /'clients' matches no host/.test(w.message)]), [[4, true]]);
  });
  it('returns the errors of both files together', () => {
    const pb = write('bad.yaml', '- hosts: all\n  tasks:\n    - name: x\n      frobnicate: {}\n');
    const inv = write('bad-inv.yaml', 'all:\n  hosts:\n    h: {port: x}\n');
    const report = validateProject(pb, inv, builtinModules);
    assert.deepEqual(report.errors.map((e) => `${e.file === inv ? 'inv' : 'pb'}:${e.line}`), ['inv:3', 'pb:4']);
  });
});
