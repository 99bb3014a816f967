// --limit as ansible-playbook takes it: names that match nothing are warned about by name (with the nearest real
// name), a limit that leaves no host is Ansible's error, @file reads one name a line.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInventory } from '../../src/inventory/load-inventory.js';
import { NO_HOSTS_MESSAGE, resolveLimit } from '../../src/inventory/limit.js';
import { selectHosts } from '../../src/inventory/host-pattern.js';

const inv = loadInventory('/nonexistent/hosts', '[scm]\nscm\n[servers:children]\nscm\n[servers]\nsrv2\n[replicas]\nnew1\n[clients]\nclient1\n');

describe('--limit', () => {
  const cases: [limit: string, hosts: string[], warnings: string[], error?: string][] = [
    ['scm', ['scm'], []],
    ['scm,nwe1', ['scm'], ["Could not match supplied host pattern, ignoring: nwe1 (did you mean 'new1'?)"]],
    ['servers:!scm', ['srv2'], []],
    ['!scm', ['srv2', 'new1', 'client1'], []],
    ['sevrers', [], ["Could not match supplied host pattern, ignoring: sevrers (did you mean 'servers'?)"], NO_HOSTS_MESSAGE],
    ['nosuchhost', [], ['Could not match supplied host pattern, ignoring: nosuchhost'], NO_HOSTS_MESSAGE],
    ['web*', [], ['Could not match supplied host pattern, ignoring: web*'], NO_HOSTS_MESSAGE],
    ['clients:&servers', [], [], NO_HOSTS_MESSAGE],
  ];
  for (const [limit, hosts, warnings, error] of cases) {
    it(`${limit} -> ${hosts.join(',') || 'no host'}${warnings.length ? ', warned' : ''}`, () => {
      const r = resolveLimit(inv, limit);
      assert.deepEqual([r.warnings, r.error], [warnings, error]);
      assert.deepEqual(selectHosts(inv, 'all', r.pattern), hosts);
    });
  }

  it('@file: one name a line, comments and blank lines skipped', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cp-limit-'));
    try {
      writeFileSync(join(dir, 'retry'), '# hosts to retry\nscm\n\nclient1  # the client\n');
      const r = resolveLimit(inv, `@${join(dir, 'retry')}`);
      assert.deepEqual([r.pattern, r.warnings, r.error], ['scm,client1', [], undefined]);
      assert.match(resolveLimit(inv, `@${join(dir, 'missing')}`).error!, /cannot read the --limit file .*missing/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
