// ~/.ssh/config through the compiled CLI against real sshd hosts (nothing mocked): aliases resolved by -F, a
// target reached through one and two jump hosts (each jump's sshd log shows the forwarded connection), host-key
// policy from the config, and encrypted keys (agent, or a clear error without one and without a terminal).
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stopPid } from '../../src/lab/sshd.js';
import { codaplay, REPO } from '../helpers/cli.js';
import { startSshCluster, type SshCluster } from '../helpers/ssh-cluster.js';

const NO_AGENT = { SSH_AUTH_SOCK: '' };

describe('ssh config and jump hosts (compiled CLI, real sshd)', function () {
  let c: SshCluster;
  let cfg: string;
  let encKey: string;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const log = (name: string) => readFileSync(join(c.dir, name, 'sshd.log'), 'utf8');
  const addr = (name: string) => c.hosts.find((h) => h.name === name)!.address;
  const inventory = (file: string, hosts: string[], extra = '') => {
    const path = join(c.dir, file);
    writeFileSync(path, `all:\n  hosts:\n${hosts.map((h) => `    ${h}:\n`).join('')}${extra}`);
    return path;
  };
  const block = (alias: string, host: string, lines: string[] = []) => [
    `Host ${alias}`, `  HostName ${addr(host)}`, '  Port 2222', `  User ${c.user}`, '  IdentityFile ~/nonexistent_key', `  IdentityFile ${c.userKeyPath}`, `  UserKnownHostsFile ${c.knownHostsPath}`, ...lines.map((l) => `  ${l}`),
  ].join('\n');

  before(async () => {
    // h1 and h2 are the jump hosts, h3 the target; DEBUG1 makes sshd log each direct-tcpip channel it opens.
    c = await startSshCluster(3, { logLevel: 'DEBUG1' });
    encKey = join(c.dir, 'enc_key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'sesame', '-C', 'encrypted', '-f', encKey]);
    appendFileSync(join(c.dir, 'authorized_keys'), readFileSync(`${encKey}.pub`));
    cfg = join(c.dir, 'ssh_config');
    writeFileSync(cfg, [
      '# as a user would write it',
      block('bastion', 'h1'),
      block('inner', 'h2'),
      block('direct', 'h3'),
      block('target', 'h3', ['ProxyJump bastion']),
      block('target2', 'h3', ['ProxyJump bastion,inner']),
      ...['fresh', 'freshjump'].map((alias) => [`Host ${alias}`, `  HostName ${addr(alias === 'fresh' ? 'h3' : 'h1')}`, '  Port 2222', `  IdentityFile ${c.userKeyPath}`, `  UserKnownHostsFile ${join(c.dir, 'fresh_known_hosts')}`, '  StrictHostKeyChecking accept-new', alias === 'fresh' ? '  ProxyJump freshjump' : ''].join('\n')),
      block('noway', 'h3', ['StrictHostKeyChecking no']),
      block('guarded', 'h3', ['ProxyJump strangerjump']),
      [`Host strangerjump`, `  HostName ${addr('h2')}`, '  Port 2222', `  IdentityFile ${c.userKeyPath}`, `  UserKnownHostsFile ${join(c.dir, 'empty_known_hosts')}`].join('\n'),
      ...['locked', 'locked2'].map((alias) => [`Host ${alias}`, `  HostName ${addr(alias === 'locked' ? 'h3' : 'h2')}`, '  Port 2222', `  IdentityFile ${encKey}`, `  UserKnownHostsFile ${c.knownHostsPath}`].join('\n')),
      '',
    ].join('\n'));
  });
  after(async () => { await c?.stop(); });

  it('resolves an alias through -F: HostName, Port, User, the IdentityFile that exists', async () => {
    const r = await codaplay(['ping', '-i', inventory('direct.yaml', ['direct']), '-F', cfg], NO_AGENT);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, new RegExp(`direct\\s+ok\\s+${c.user}@${addr('h3').replace(/\./g, '\\.')}:2222`));
  });

  it('reaches the target through a jump host: the jump\'s sshd forwarded the connection', async () => {
    const before = log('h1').length;
    const r = await codaplay(['ping', '-i', inventory('target.yaml', ['target']), '-F', cfg], NO_AGENT);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /target\s+ok\s+.*via bastion/);
    await sleep(200);
    assert.match(log('h1').slice(before), new RegExp(`server_request_direct_tcpip: .*target ${addr('h3').replace(/\./g, '\\.')} port 2222`));
  });

  it('reaches the target through two jump hosts, each forwarding to the next', async () => {
    const before1 = log('h1').length;
    const before2 = log('h2').length;
    const r = await codaplay(['run', writePlaybook(), '-i', inventory('target2.yaml', ['target2']), '-F', cfg, '--json'], NO_AGENT);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, new RegExp(`"stdout": "${addr('h3').replace(/\./g, '\\.')}`));
    await sleep(200);
    assert.match(log('h1').slice(before1), new RegExp(`target ${addr('h2').replace(/\./g, '\\.')} port 2222`), 'first hop forwards to the second');
    assert.match(log('h2').slice(before2), new RegExp(`target ${addr('h3').replace(/\./g, '\\.')} port 2222`), 'second hop forwards to the target');
  });

  function writePlaybook(): string {
    const pb = join(c.dir, 'where.yaml');
    // The target's sshd tells which address it was reached on (SSH_CONNECTION's third field).
    writeFileSync(pb, '- name: Where\n  hosts: all\n  tasks:\n    - name: Server address\n      shell:\n        cmd: "echo $SSH_CONNECTION | cut -d\' \' -f3"\n');
    return pb;
  }

  it('StrictHostKeyChecking accept-new records the target\'s and the jump host\'s keys, once', async () => {
    const kh = join(c.dir, 'fresh_known_hosts');
    assert.ok(!existsSync(kh));
    const r = await codaplay(['ping', '-i', inventory('fresh.yaml', ['fresh']), '-F', cfg], NO_AGENT);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const lines = readFileSync(kh, 'utf8');
    assert.ok(lines.includes(`[${addr('h3')}]:2222 ssh-ed25519 `), lines);
    assert.ok(lines.includes(`[${addr('h1')}]:2222 ssh-ed25519 `), lines);
    assert.equal(lines.trim().split('\n').length, 2, lines);
    const again = await codaplay(['ping', '-i', inventory('fresh.yaml', ['fresh']), '-F', cfg], NO_AGENT);
    assert.equal(again.code, 0, again.stdout + again.stderr);
    assert.equal(readFileSync(kh, 'utf8'), lines, 'known keys are not written twice');
  });

  it('a jump host whose key is unknown is refused, before anything is forwarded through it', async () => {
    const before = log('h2').length;
    const r = await codaplay(['ping', '-i', inventory('guarded.yaml', ['guarded']), '-F', cfg], NO_AGENT);
    assert.equal(r.code, 4, r.stdout + r.stderr);
    assert.match(r.stdout, new RegExp(`guarded\\s+UNREACHABLE.*jump host strangerjump \\(.*\\): unknown host key for \\[${addr('h2').replace(/\./g, '\\.')}\\]:2222`));
    await sleep(200);
    assert.doesNotMatch(log('h2').slice(before), /server_request_direct_tcpip/);
  });

  it('StrictHostKeyChecking no is refused by ping and reported by validate', async () => {
    const inv = inventory('noway.yaml', ['noway']);
    const r = await codaplay(['ping', '-i', inv, '-F', cfg], NO_AGENT);
    assert.equal(r.code, 4, r.stdout + r.stderr);
    assert.match(r.stdout, /noway\s+UNREACHABLE.*StrictHostKeyChecking no .* is refused: codaplay never disables host-key checks/);
    const v = await codaplay(['validate', writePlaybook(), '-i', inv, '-F', cfg], NO_AGENT);
    assert.equal(v.code, 4, v.stdout + v.stderr);
    assert.match(v.stdout, /noway.yaml:\d+: host noway: StrictHostKeyChecking no/);
  });

  it('an encrypted key with no agent and no terminal: a clear error naming the key file', async () => {
    const r = await codaplay(['ping', '-i', inventory('locked.yaml', ['locked']), '-F', cfg], NO_AGENT);
    assert.equal(r.code, 4, r.stdout + r.stderr);
    assert.ok(r.stdout.includes(`the private key ${encKey} is encrypted and no passphrase is available`), r.stdout);
    assert.ok(r.stdout.includes(`ssh-add ${encKey}`), r.stdout);
    assert.ok(!/sesame/.test(r.stdout + r.stderr));
  });

  it('an encrypted key on a terminal: the passphrase is asked once for two hosts, not echoed, and used', async function () {
    // util-linux script(1) gives the CLI a real pseudo-terminal; we type into it as a user would.
    const inv = inventory('locked2.yaml', ['locked', 'locked2']);
    const cmd = [process.execPath, join(REPO, 'dist/src/cli/main.js'), 'ping', '-i', inv, '-F', cfg].map((a) => `'${a}'`).join(' ');
    const p = spawn('script', ['-q', '-e', '-c', cmd, '/dev/null'], { env: { ...process.env, SSH_AUTH_SOCK: '', CI: 'true' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    const code = new Promise<number | null>((r) => p.on('exit', (n) => r(n)));
    for (let i = 0; i < 3000 && !out.includes('Enter passphrase'); i++) await sleep(20);
    assert.ok(out.includes(`Enter passphrase for key '${encKey}': `), out);
    p.stdin.write('sesame\r');
    assert.equal(await code, 0, out);
    assert.match(out, /locked\s+ok/);
    assert.match(out, /locked2\s+ok/);
    assert.ok(!out.includes('sesame'), `the passphrase is not echoed: ${out}`);
    assert.equal(out.split('Enter passphrase').length - 1, 1, 'asked once');
  });

  it('an encrypted key held by the ssh agent works, offered before the agent\'s other keys', async () => {
    const sock = join(c.dir, 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
    try {
      for (let i = 0; i < 200 && !existsSync(sock); i++) await sleep(20);
      const env = { ...process.env, SSH_AUTH_SOCK: sock };
      // Six unrelated keys first: offered in the agent's order they would use up sshd's MaxAuthTries (6).
      for (let k = 0; k < 6; k++) {
        const junk = join(c.dir, `junk${k}`);
        execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', junk]);
        execFileSync('ssh-add', [junk], { env, stdio: 'ignore' });
      }
      const askpass = join(c.dir, 'askpass.sh');
      writeFileSync(askpass, '#!/bin/sh\necho sesame\n', { mode: 0o700 });
      execFileSync('ssh-add', [encKey], { env: { ...env, SSH_ASKPASS: askpass, SSH_ASKPASS_REQUIRE: 'force', DISPLAY: ':0' }, stdio: 'ignore' });
      const r = await codaplay(['ping', '-i', inventory('locked.yaml', ['locked']), '-F', cfg], { SSH_AUTH_SOCK: sock });
      assert.equal(r.code, 0, r.stdout + r.stderr);
    } finally {
      if (agent.pid) await stopPid(agent.pid);
    }
  });
});
