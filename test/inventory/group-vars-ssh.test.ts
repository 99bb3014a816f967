// Through real OpenSSH sshd: an Ansible layout whose connection settings live only in group_vars/ and host_vars/
// (port, key, known_hosts, ansible_host) reaches every host; the same inventory without them does not.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSshCluster, type SshCluster } from '../helpers/ssh-cluster.js';
import { cli } from '../cli/cli-fixtures.js';

const PLAYBOOK = `- name: Leave a mark
  hosts: servers
  tasks:
    - name: Write who we are
      copy:
        dest: "{{ work_dir }}/{{ inventory_hostname }}.txt"
        content: "{{ inventory_hostname }} in {{ realm }}\\n"
`;

describe('inventory: connection settings from group_vars/ only, over real sshd', function () {
  this.timeout(120_000);
  let c: SshCluster;
  let layout: string;
  before(async () => {
    c = await startSshCluster(2);
    layout = join(c.dir, 'ansible');
    mkdirSync(join(layout, 'group_vars', 'servers'), { recursive: true });
    mkdirSync(join(layout, 'host_vars'));
    writeFileSync(join(layout, 'hosts'), '[servers]\nh1\nh2\n');
    writeFileSync(join(layout, 'group_vars', 'all.yml'), `ansible_ssh_private_key_file: ${c.userKeyPath}\nknown_hosts_file: ${c.knownHostsPath}\nansible_user: ${c.user}\nrealm: lab.example\nwork_dir: ${c.dir}\n`);
    writeFileSync(join(layout, 'group_vars', 'servers', 'ssh.yml'), `ansible_port: ${c.hosts[0]!.port}\n`);
    for (const h of c.hosts) writeFileSync(join(layout, 'host_vars', `${h.name}.yml`), `ansible_host: ${h.address}\n`);
    writeFileSync(join(layout, 'site.yml'), PLAYBOOK);
  });
  after(async () => { await c?.stop(); });

  it('ping reaches every host with the port, key and known_hosts from group_vars', async () => {
    const r = await cli(['ping', '-i', join(layout, 'hosts')]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    for (const h of c.hosts) assert.match(r.stdout, new RegExp(`${h.name}\\s+ok\\s+${c.user}@${h.address.replace(/\./g, '\\.')}:${h.port}`));
  });

  it('run uses them too, and the vars of group_vars/all reach the tasks', async () => {
    const r = await cli(['run', join(layout, 'site.yml'), '-i', join(layout, 'hosts')]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    for (const h of c.hosts) assert.equal(readFileSync(join(c.dir, `${h.name}.txt`), 'utf8'), `${h.name} in lab.example\n`);
  });

  it('without group_vars/ the same inventory cannot connect (the settings came from there)', async () => {
    renameSync(join(layout, 'group_vars'), join(layout, 'group_vars.off'));
    try {
      const r = await cli(['ping', '-i', join(layout, 'hosts')]);
      assert.equal(r.code, 4, r.stdout + r.stderr);
      assert.match(r.stdout, /h1\s+UNREACHABLE/);
    } finally {
      renameSync(join(layout, 'group_vars.off'), join(layout, 'group_vars'));
    }
  });
});
