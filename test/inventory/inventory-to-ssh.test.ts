// Connection settings written the Ansible way in an inventory reach the ssh settings resolver: ansible_ssh_common_args
// (-J, -F) at group level of an INI inventory, and what the inventory leaves unset comes from the ssh config (Host
// patterns match what ssh is given, as with Ansible: the inventory name, or ansible_host when set).
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadInventory } from '../../src/inventory/load-inventory.js';
import { resolveSshSettings } from '../../src/transport/ssh-config.js';

describe('inventory → ssh settings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cp-inv-ssh-'));
  const config = join(dir, 'ssh_config');
  writeFileSync(config, 'Host bastion\n  HostName 127.0.0.9\n  Port 2201\n  User hop\nHost scm\n  HostName 127.0.0.5\n  User coda\n  Port 2222\n');
  const inventory = join(dir, 'hosts.ini');
  writeFileSync(inventory, `[servers]\nscm\nsrv2 ansible_host=127.0.0.6 ansible_user=admin\n\n[servers:vars]\nansible_ssh_common_args='-F ${config} -J bastion'\n`);
  const inv = loadInventory(inventory);
  const cases: [string, { host: string; port: number; user: string; jumps: string[] }][] = [
    ['scm', { host: '127.0.0.5', port: 2222, user: 'coda', jumps: ['hop@127.0.0.9:2201'] }],
    ['srv2', { host: '127.0.0.6', port: 22, user: 'admin', jumps: ['hop@127.0.0.9:2201'] }],
  ];
  for (const [name, want] of cases) {
    it(`${name}: group ansible_ssh_common_args (-F, -J) and the ssh config fill what the inventory left unset`, () => {
      const s = resolveSshSettings(inv.hosts.get(name)!, { acceptNewHostKeys: false });
      assert.equal(s.configFile, config);
      assert.deepEqual({ host: s.address, port: s.port, user: s.user, jumps: s.jumps.map((j) => `${j.user}@${j.address}:${j.port}`) }, want);
    });
  }
});
