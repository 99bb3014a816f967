// Inventories as Ansible reads them: INI and YAML, group_vars/ and host_vars/ (files and directories) beside the
// inventory and beside the playbook, connection settings at every level with Ansible's precedence.
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadInventory } from '../../src/inventory/load-inventory.js';
import type { Inventory, InventoryHost } from '../../src/inventory/types.js';

const FIXTURES = resolve(fileURLToPath(import.meta.url), '../../fixtures/inventory');

type Row = [host: string, field: keyof InventoryHost | `vars.${string}`, expected: unknown, why: string];

function valueOf(inv: Inventory, host: string, field: Row[1]): unknown {
  const h = inv.hosts.get(host);
  assert.ok(h, `host ${host} is in the inventory`);
  return field.startsWith('vars.') ? h.vars[field.slice(5)] : h[field as keyof InventoryHost];
}

const layout = join(FIXTURES, 'ansible-layout');
const cases: { name: string; load: () => Inventory; rows: Row[] }[] = [
  {
    name: 'real Ansible layout: INI + group_vars/all.yml + group_vars/servers/ + host_vars/scm.yml + playbook dir',
    load: () => loadInventory(join(layout, 'hosts'), undefined, { playbookDir: join(layout, 'playbooks') }),
    rows: [
      ['scm', 'address', '10.1.0.1', 'ansible_host on the host line'],
      ['scm', 'user', 'root', 'group_vars/servers/ beats [servers:vars] and [all:vars]'],
      ['scm', 'port', 2222, 'ansible_port from a file in the group_vars/servers/ directory'],
      ['scm', 'identityFile', join(layout, 'keys/coda_admin'), 'ansible_ssh_private_key_file in group_vars/all.yml, relative to the inventory'],
      ['scm', 'knownHostsFile', join(layout, 'keys/known_hosts'), 'codaplay short name in group_vars/all.yml'],
      ['scm', 'become', true, 'ansible_become in host_vars/scm.yml'],
      ['scm', 'becomeUser', 'coda', 'ansible_become_user in host_vars'],
      ['scm', 'sshCommonArgs', '-o ProxyJump=bastion', 'ansible_ssh_common_args kept for the ssh transport'],
      ['scm', 'vars.level', 'scm-hostvars', 'host_vars beat every group'],
      ['scm', 'groups', ['all', 'scm', 'servers'], 'a child group\'s host is in the parent group'],
      ['scm', 'vars.vicedir', '/vice', 'the second file of group_vars/servers/'],
      ['srv2', 'address', 'srv2', 'a host from the range srv[2:3], no ansible_host: its name'],
      ['srv2', 'vars.level', 'servers-groupvars', 'group_vars/servers/ beats [servers:vars] and group_vars/all beside the playbook'],
      ['srv3', 'port', 2303, 'host_vars/ beside the playbook beats group_vars/servers beside the inventory'],
      ['new1', 'user', 'admin', 'the host line beats [all:vars]'],
      ['new1', 'port', 22, 'the default port'],
      ['new1', 'vars.level', 'all-playbook', 'group_vars/all beside the playbook beats beside the inventory and [all:vars]'],
      ['new1', 'vars.realm', 'coda.example.org', '[all:vars]'],
      ['new1', 'vars.coda_version', '6.9', 'group_vars/all.yml'],
      ['client1', 'connection', 'local', 'ansible_connection=local'],
      ['client2', 'port', 2022, 'host:port in INI'],
      ['client2', 'user', 'ansible-all', 'ansible_user in [all:vars]'],
    ],
  },
  {
    name: 'YAML inventory: short names in all.vars and group vars, group_vars/clients.yaml',
    load: () => loadInventory(join(FIXTURES, 'yaml-vars/inventory.yml')),
    rows: [
      ['s1', 'user', 'coda', 'user in all.vars (was ignored before issue 10)'],
      ['s1', 'identityFile', join(FIXTURES, 'yaml-vars/keys/id_ed25519'), 'identity_file in all.vars'],
      ['s1', 'knownHostsFile', join(FIXTURES, 'yaml-vars/keys/known_hosts'), 'known_hosts_file in all.vars'],
      ['s1', 'port', 2200, 'port in a group\'s vars'],
      ['s1', 'address', '127.0.0.1', 'address on the host'],
      ['s2', 'port', 2300, 'ansible_port on the host beats port in the group'],
      ['c1', 'user', 'from-host-vars-mapping', 'user in the host\'s vars: mapping'],
      ['c1', 'address', 'client.example.org', 'ansible_host in group_vars/clients.yaml'],
      ['c1', 'vars.user', undefined, 'connection settings are not plain variables'],
    ],
  },
];

describe('Ansible inventories (INI, YAML, group_vars, host_vars)', () => {
  for (const c of cases) {
    describe(c.name, () => {
      let inv: Inventory;
      before(() => { inv = c.load(); });
      for (const [host, field, expected, why] of c.rows) {
        it(`${host} ${field}: ${why}`, () => assert.deepEqual(valueOf(inv, host, field), expected));
      }
    });
  }

  it('keeps the INI file\'s host order and group membership', () => {
    const inv = loadInventory(join(layout, 'hosts'));
    assert.deepEqual([...inv.hosts.keys()], ['scm', 'srv2', 'srv3', 'new1', 'client1', 'client2']);
    assert.deepEqual(inv.groups.get('servers'), ['scm', 'srv2', 'srv3']);
    assert.deepEqual(inv.hosts.get('new1')!.location, `${join(layout, 'hosts')}:12`);
  });

  it('a key that looks like a connection setting but is not one is a warning with file:line', () => {
    const dir = join(FIXTURES, 'lookalikes');
    const inv = loadInventory(join(dir, 'hosts.ini'));
    const got = (inv.warnings ?? []).map((w) => `${w.file.slice(dir.length + 1)}:${w.line}: ${w.message}`);
    const expected: RegExp[] = [
      /^group_vars\/all\.yml:2: 'Known_Hosts_File' looks like a connection setting but is not one — did you mean 'known_hosts_file'\?$/,
      /^group_vars\/server\.yml:1: group_vars\/server\.yml: no group 'server' in the inventory, so these vars are not used — did you mean 'servers'\?$/,
      /^hosts\.ini:2: host s1: 'identityfile' looks like a connection setting but is not one — did you mean 'identity_file'\?$/,
      /^hosts\.ini:5: group all: 'ansible_ssh_user_name' is not a connection variable codaplay knows: it is kept as a plain variable — did you mean 'ansible_ssh_user'\?$/,
      /^hosts\.ini:6: group all: 'ansible_password_file' is not a connection variable codaplay knows/,
      /^hosts\.ini:7: group all: 'ansible_ssh_pass' is ignored: password login is not supported/,
    ];
    assert.equal(got.length, expected.length, got.join('\n'));
    got.sort().forEach((line, i) => assert.match(line, expected[i]!));
  });

  const errors: [string, string, string, RegExp][] = [
    ['INI: a section that is not a group', 'inv.ini', '[servers:hosts]\ns1\n', /inv\.ini:1: section \[servers:hosts\]: expected \[group\], \[group:vars\] or \[group:children\]/],
    ['INI: a word that is not key=value on a host line', 'inv.ini', '[s]\ns1 port\n', /inv\.ini:2: host s1: expected key=value after the host name, got "port"/],
    ['INI: a bad range', 'inv.ini', '[s]\nweb[3:1]\n', /inv\.ini:2: host web\[3:1\]: range \[3:1\]: the start is after the end/],
    ['INI: a port that is not a number in :vars', 'hosts', '[s]\ns1\n[s:vars]\nansible_port=ssh\n', /hosts:4: group s: ansible_port: expected a port number 1-65535, got "ssh"/],
    ['INI: become that is not a boolean', 'hosts', 's1 ansible_become=maybe\n', /hosts:1: host s1: ansible_become: expected true or false/],
    ['YAML: an unsupported connection plugin in all.vars', 'inv.yaml', 'all:\n  vars:\n    ansible_connection: docker\n  hosts:\n    h: {}\n', /inv\.yaml:3: group all: ansible_connection: expected ssh or local, got "docker"/],
    ['YAML: become_method other than sudo', 'inv.yaml', 'all:\n  hosts:\n    h:\n      ansible_become_method: su\n', /inv\.yaml:4: host h: ansible_become_method: only sudo is supported/],
  ];
  for (const [name, file, text, message] of errors) {
    it(`rejects: ${name}, naming file and line`, () => {
      assert.throws(() => loadInventory(join('/nonexistent', file), text), (err: unknown) => err instanceof Error && message.test(err.message));
    });
  }

  it('renders a connection setting that is a template over the host\'s vars', () => {
    const inv = loadInventory('/nonexistent/inv.yaml', 'all:\n  vars: {admin: coda, ansible_user: "{{ admin }}"}\n  hosts:\n    h: {}\n');
    assert.equal(inv.hosts.get('h')!.user, 'coda');
  });

  it('tells INI from YAML by content when the name does not say', () => {
    const inv = loadInventory('/nonexistent/hosts', 'web[01:02] ansible_port=2201\n');
    assert.deepEqual([...inv.hosts.keys()], ['web01', 'web02']);
    assert.deepEqual(inv.groups.get('ungrouped'), ['web01', 'web02']);
    assert.equal(loadInventory('/nonexistent/hosts', 'all:\n  hosts:\n    a: {}\n').hosts.has('a'), true);
  });

  it('without the playbook directory, its group_vars/ and host_vars/ do not apply', () => {
    const inv = loadInventory(join(layout, 'hosts'));
    assert.equal(inv.hosts.get('new1')!.vars.level, 'all-groupvars');
    assert.equal(inv.hosts.get('srv3')!.port, 2222);
  });
});
