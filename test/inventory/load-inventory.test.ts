import assert from 'node:assert/strict';
import { loadInventory } from '../../src/inventory/load-inventory.js';
import { selectHosts } from '../../src/inventory/host-pattern.js';
import { ConfigError } from '../../src/playbook/config-error.js';

const GOOD = `all:
  vars: {realm: r, level: all}
  hosts:
    solo: {address: 10.0.0.9}
  children:
    servers:
      vars: {level: servers}
      children:
        scm:
          hosts:
            scm1: {address: 10.0.0.1, port: 2222, user: root, level: host}
      hosts:
        srv2: {}
    clients:
      hosts:
        c1: {connection: local}
`;

describe('inventory loading', () => {
  const inv = loadInventory('/tmp/inv.yaml', GOOD);
  it('layers vars all < group < child group < host', () => {
    assert.equal(inv.hosts.get('scm1')?.vars.level, 'host');
    assert.equal(inv.hosts.get('srv2')?.vars.level, 'servers');
    assert.equal(inv.hosts.get('solo')?.vars.level, 'all');
    assert.equal(inv.hosts.get('c1')?.vars.realm, 'r');
  });
  it('reads connection settings with defaults', () => {
    const h = inv.hosts.get('scm1')!;
    assert.deepEqual([h.address, h.port, h.user, h.connection], ['10.0.0.1', 2222, 'root', 'ssh']);
    assert.equal(inv.hosts.get('srv2')?.address, 'srv2');
    assert.equal(inv.hosts.get('c1')?.connection, 'local');
  });
  it('a child group\'s hosts belong to the parent group', () => {
    assert.deepEqual(inv.groups.get('servers'), ['scm1', 'srv2']);
  });
  const patterns: [string, string[]][] = [
    ['all', ['solo', 'scm1', 'srv2', 'c1']], ['servers', ['scm1', 'srv2']], ['servers:!scm', ['srv2']], ['servers:&scm', ['scm1']],
    ['scm,clients', ['scm1', 'c1']], ['s*', ['solo', 'scm1', 'srv2']], ['nosuch', []],
  ];
  for (const [pattern, hosts] of patterns) it(`pattern ${pattern}`, () => assert.deepEqual(selectHosts(inv, pattern), hosts));
  it('--limit narrows a pattern', () => assert.deepEqual(selectHosts(inv, 'all', 'servers:!srv2'), ['scm1']));

  const bad: [string, string, RegExp][] = [
    ['port is not a number', 'all:\n  hosts:\n    a:\n      port: http\n', /inv\.yaml:4: host a: port: .*expected a port number 1-65535/],
    ['connection type unknown', 'all:\n  hosts:\n    a:\n      connection: telnet\n', /inv\.yaml:4: host a: connection:/],
    ['group key unknown', 'all:\n  children:\n    g:\n      host:\n        a: {}\n', /inv\.yaml:4: group g: unknown key 'host'/],
    ['YAML syntax', 'all:\n  hosts: [a\n', /inv\.yaml:2:10: YAML syntax error/],
    ['not a mapping', '- a\n', /inv\.yaml:1: expected a mapping with the group all/],
  ];
  it('a host listed in several groups is one host with both groups and merged settings', () => {
    const two = loadInventory('/tmp/inv.yaml', 'all:\n  children:\n    a:\n      vars: {from: a}\n      hosts:\n        h1: {port: 2200, x: 1}\n    b:\n      vars: {from: b}\n      hosts:\n        h1: {y: 2}\n');
    const h = two.hosts.get('h1')!;
    assert.deepEqual([h.port, h.groups, h.vars, h.location], [2200, ['all', 'a', 'b'], { from: 'b', x: 1, y: 2 }, '/tmp/inv.yaml:6']);
  });
  it('ansible_* aliases, relative key paths and the ungrouped group', () => {
    const inv2 = loadInventory('/tmp/lab/inv.yaml', 'all:\n  hosts:\n    h:\n      ansible_host: 127.0.0.5\n      ansible_port: 2022\n      ansible_user: coda\n      identity_file: keys/id\n');
    const h = inv2.hosts.get('h')!;
    assert.deepEqual([h.address, h.port, h.user, h.identityFile, inv2.groups.get('ungrouped')], ['127.0.0.5', 2022, 'coda', '/tmp/lab/keys/id', ['h']]);
  });
  it('collects every problem, each with its own line', () => {
    const text = 'all:\n  hosts:\n    h1:\n      address: 5\n      port: 70000\n    h2:\n      port: x\n  children:\n    g:\n      hots: {}\n';
    assert.throws(() => loadInventory('/tmp/inv.yaml', text), (err: unknown) => err instanceof ConfigError
      && JSON.stringify(err.issues.map((i) => i.line)) === '[4,5,7,10]' && /inv\.yaml:4: host h1: address: .*expected string/.test(err.message));
  });
  it('a typo in a connection key is a warning naming file, line and the key it resembles', () => {
    const inv3 = loadInventory('/tmp/inv.yaml', 'all:\n  hosts:\n    a:\n      adress: x\n');
    assert.deepEqual(inv3.warnings?.map((w) => `${w.line}: ${w.message}`), ["4: host a: 'adress' looks like a connection setting but is not one — did you mean 'address'?"]);
  });
  for (const [name, text, message] of bad) {
    it(`rejects: ${name}, naming file and line`, () => {
      assert.throws(() => loadInventory('/tmp/inv.yaml', text), (err: unknown) => err instanceof ConfigError && message.test(err.message));
    });
  }
});
