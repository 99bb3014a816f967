// ssh config resolution, table-driven: which value applies (inventory > ssh config > defaults), Host patterns with
// * and !, several IdentityFiles, ProxyJump hops, StrictHostKeyChecking, and the inventory's own ssh options.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { InventoryHost } from '../../src/inventory/types.js';
import { parseCommonArgs, splitWords } from '../../src/transport/ssh-common-args.js';
import { parseJumpList, resolveSshSettings, type SshEndpoint, type SshSettings } from '../../src/transport/ssh-config.js';

const CONFIG = `# a user's ~/.ssh/config
Include conf.d/*.conf ~/missing.conf
Host bastion
  HostName 127.0.0.1
  Port 2201
  User jump
  IdentityFile ~/.ssh/jump_key
Host scm scm.lab
  HostName 10.0.0.1
  User coda
  Port 2222
  IdentityFile ~/.ssh/a
  IdentityFile /keys/b
  UserKnownHostsFile ~/kh/cell_known_hosts
  ProxyJump bastion
Host deep
  HostName 10.0.0.9
  ProxyJump admin@bastion:2200,inner
Host inner
  HostName 10.0.1.1
  UserKnownHostsFile /kh/inner
Host *.lab !skip.lab
  User labuser
Host accept
  StrictHostKeyChecking accept-new
Host noway
  StrictHostKeyChecking no
Host viacmd
  ProxyCommand ssh -W %h:%p bastion
Host aliased
  HostName 10.0.0.7
  HostKeyAlias cell-aliased
Host badjump
  ProxyJump a@b@c
Host pct
  HostName %h.cell.internal
Host nojump
  ProxyJump none
Host *
  User fallback
`;

const OTHER = 'Host *\n  User other\n  Port 2999\n';

type Want = Partial<Omit<SshSettings, 'jumps' | 'refusal'>> & { jumps?: Partial<SshEndpoint>[]; refusal?: RegExp };

describe('ssh config resolution', () => {
  let dir: string;
  let home: string | undefined;
  let configFile: string;
  let otherFile: string;
  const me = userInfo().username;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cpsshcfg-'));
    home = process.env.HOME;
    process.env.HOME = dir; // ~ and the default key and known_hosts paths point here, whoever runs the test
    configFile = join(dir, 'config');
    otherFile = join(dir, 'other');
    writeFileSync(configFile, CONFIG);
    writeFileSync(otherFile, OTHER);
    mkdirSync(join(dir, '.ssh', 'conf.d'), { recursive: true });
    writeFileSync(join(dir, '.ssh', 'conf.d', '10-cell.conf'), 'Host inc\n  HostName 10.9.9.9\n  Include ~/.ssh/nested\n');
    writeFileSync(join(dir, '.ssh', 'conf.d', 'skip.txt'), 'Host inc\n  HostName 10.0.0.66\n');
    writeFileSync(join(dir, '.ssh', 'nested'), '  Port 2444\n');
  });
  after(() => {
    process.env.HOME = home;
    rmSync(dir, { recursive: true, force: true });
  });

  const host = (name: string, over: Partial<InventoryHost> = {}): InventoryHost => ({
    name, address: name, port: 22, user: me, connection: 'ssh', groups: ['all'], vars: {}, location: 'inv.yaml:1',
    setByInventory: { port: false, user: false }, ...over,
  });

  // [case, host, -F ('<cfg>' = the config above), --accept-new-host-keys, expected]
  const cases: [string, () => InventoryHost, string | undefined, boolean, () => Want][] = [
    ['an alias gets HostName, User, Port, every IdentityFile, UserKnownHostsFile and its jump host', () => host('scm'), '<cfg>', false, () => ({
      address: '10.0.0.1', port: 2222, user: 'coda', identityFiles: [`${dir}/.ssh/a`, '/keys/b'], knownHostsFile: `${dir}/kh/cell_known_hosts`, acceptNewHostKeys: false,
      jumps: [{ label: 'bastion', address: '127.0.0.1', port: 2201, user: 'jump', identityFiles: [`${dir}/.ssh/jump_key`], knownHostsFile: `${dir}/.ssh/known_hosts` }],
    })],
    ['inventory settings win over the ssh config (as an explicit ansible_user beats User)', () => host('scm', { port: 2022, user: 'ops', identityFile: '/inv/key', knownHostsFile: '/inv/kh', setByInventory: { port: true, user: true } }), '<cfg>', false, () => ({
      address: '10.0.0.1', port: 2022, user: 'ops', identityFiles: ['/inv/key'], knownHostsFile: '/inv/kh',
      jumps: [{ label: 'bastion', user: 'jump', knownHostsFile: '/inv/kh' }],
    })],
    ['an explicit user equal to the local one still wins', () => host('scm', { user: me, setByInventory: { port: false, user: true } }), '<cfg>', false, () => ({ user: me, port: 2222 })],
    ['without setByInventory, a non-default value counts as set', () => host('scm', { port: 2022, setByInventory: undefined }), '<cfg>', false, () => ({ port: 2022, user: 'coda' })],
    ['the config is looked up by the inventory address (ansible_host), not the name', () => host('web', { address: 'scm' }), '<cfg>', false, () => ({ label: 'web', address: '10.0.0.1', user: 'coda' })],
    ['a * pattern matches', () => host('x.lab'), '<cfg>', false, () => ({ address: 'x.lab', user: 'labuser', port: 22, jumps: [] })],
    ['a !negated pattern excludes', () => host('skip.lab'), '<cfg>', false, () => ({ user: 'fallback' })],
    ['first value wins: Host * comes last', () => host('plain'), '<cfg>', false, () => ({ address: 'plain', user: 'fallback', port: 22, identityFiles: [], knownHostsFile: `${dir}/.ssh/known_hosts` })],
    ['two hops, user@host:port on the first, each resolved through the config', () => host('deep'), '<cfg>', false, () => ({
      address: '10.0.0.9', jumps: [{ label: 'bastion', address: '127.0.0.1', port: 2200, user: 'admin' }, { label: 'inner', address: '10.0.1.1', port: 22, user: 'fallback', knownHostsFile: '/kh/inner' }],
    })],
    ['ProxyJump none: no hop', () => host('nojump'), '<cfg>', false, () => ({ jumps: [] })],
    ['StrictHostKeyChecking accept-new records unknown keys', () => host('accept'), '<cfg>', false, () => ({ acceptNewHostKeys: true })],
    ['--accept-new-host-keys applies to targets and hops', () => host('scm'), '<cfg>', true, () => ({ acceptNewHostKeys: true, jumps: [{ acceptNewHostKeys: true }] })],
    ['StrictHostKeyChecking no is refused', () => host('noway'), '<cfg>', false, () => ({ refusal: /StrictHostKeyChecking no .* is refused: codaplay never disables host-key checks/ })],
    ['ProxyCommand is refused with what to write instead', () => host('viacmd'), '<cfg>', false, () => ({ refusal: /ProxyCommand .* not supported: write the bastion as ProxyJump/ })],
    ['a malformed ProxyJump is refused, naming the hop', () => host('badjump'), '<cfg>', false, () => ({ refusal: /ProxyJump hop 'a@b@c'/ })],
    ['%h in HostName is the name looked up', () => host('pct'), '<cfg>', false, () => ({ address: 'pct.cell.internal', user: 'fallback' })],
    ['Include: files matching the pattern under ~/.ssh, nested, a missing one skipped', () => host('inc'), '<cfg>', false, () => ({ address: '10.9.9.9', port: 2444, user: 'fallback' })],
    ['HostKeyAlias names the known_hosts entry', () => host('aliased'), '<cfg>', false, () => ({ address: '10.0.0.7', hostKeyAlias: 'cell-aliased' })],
    ['-F none reads no config', () => host('scm'), 'none', false, () => ({ address: 'scm', user: me, port: 22, jumps: [] })],
    ['a missing config file is no config', () => host('scm'), '/nonexistent/config', false, () => ({ address: 'scm', user: me })],
    ['the inventory ssh_config_file wins over -F', () => host('scm', { vars: { ssh_config_file: '<other>' } }), '<cfg>', false, () => ({ address: 'scm', user: 'other', port: 2999 })],
    ['ansible_ssh_common_args: -F, -J and -o', () => host('scm', { vars: { ansible_ssh_common_args: '-F <other> -J bastion2:2300 -o StrictHostKeyChecking=accept-new -o "User=viaopt"' } }), '<cfg>', false, () => ({
      user: 'viaopt', port: 2999, acceptNewHostKeys: true, jumps: [{ label: 'bastion2', address: 'bastion2', port: 2300, user: 'other' }],
    })],
    ['ansible_ssh_common_args -o StrictHostKeyChecking=no is refused', () => host('scm', { vars: { ansible_ssh_common_args: '-o StrictHostKeyChecking=no' } }), '<cfg>', false, () => ({ refusal: /StrictHostKeyChecking no \(inventory ansible_ssh_common_args\) is refused/ })],
  ];

  const fill = (v: string | undefined) => v?.replace('<cfg>', configFile).replace('<other>', otherFile);
  for (const [name, mk, file, accept, want] of cases) {
    it(name, () => {
      const h = mk();
      h.vars = Object.fromEntries(Object.entries(h.vars).map(([k, v]) => [k, typeof v === 'string' ? fill(v) : v]));
      const got = resolveSshSettings(h, { sshConfigFile: fill(file), acceptNewHostKeys: accept });
      const w = want();
      for (const [k, v] of Object.entries(w)) {
        if (k === 'refusal') assert.match(got.refusal ?? '', v as RegExp);
        else if (k === 'jumps') {
          const jumps = v as Partial<SshEndpoint>[];
          assert.equal(got.jumps.length, jumps.length, JSON.stringify(got.jumps));
          jumps.forEach((j, i) => { for (const [jk, jv] of Object.entries(j)) assert.deepEqual(got.jumps[i]![jk as keyof SshEndpoint], jv, `hop ${i} ${jk}`); });
        } else assert.deepEqual(got[k as keyof SshSettings], v, k);
      }
      if (!w.refusal) assert.equal(got.refusal, undefined);
    });
  }

  const hops: [string, ReturnType<typeof parseJumpList>][] = [
    ['bastion', [{ user: undefined, host: 'bastion', port: undefined }]],
    ['ops@b1:2200,b2', [{ user: 'ops', host: 'b1', port: 2200 }, { user: undefined, host: 'b2', port: undefined }]],
    ['ssh://u@[::1]:22', [{ user: 'u', host: '::1', port: 22 }]],
    ['none', []],
  ];
  for (const [text, want] of hops) it(`parses ProxyJump ${text}`, () => assert.deepEqual(parseJumpList(text), want));

  const words: [string, string[]][] = [
    ['-F cfg -o A=b', ['-F', 'cfg', '-o', 'A=b']],
    [`-o "ProxyJump=a b" -o 'X=y z'`, ['-o', 'ProxyJump=a b', '-o', 'X=y z']],
    ['-Fcfg  -Jhop', ['-Fcfg', '-Jhop']],
  ];
  for (const [text, want] of words) it(`splits ${text}`, () => assert.deepEqual(splitWords(text), want));

  it('reads -F, -J and -o from ansible_ssh_common_args (first -o value wins) and ssh_config_file', () => {
    assert.deepEqual(parseCommonArgs({ ansible_ssh_common_args: '-Fcfg -J a,b -o User=x -o User=y -o "Port 2200"' }), { configFile: 'cfg', jump: 'a,b', options: { user: 'x', port: '2200' } });
    assert.deepEqual(parseCommonArgs({ ssh_config_file: 'f', ansible_ssh_common_args: '-F g' }), { configFile: 'f', options: {} });
    assert.deepEqual(parseCommonArgs({ ansible_ssh_common_args: '-J x' }, { sshCommonArgs: '-J typed', sshConfigFile: 'typed.cfg' }), { configFile: 'typed.cfg', jump: 'typed', options: {} }, 'typed fields win');
  });
});
