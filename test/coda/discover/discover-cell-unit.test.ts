// discoverCell and renderInventory on in-memory hosts: where server.conf is looked for (8.1's <prefix>/etc/coda,
// 6.x's <prefix>/etc), Coda's default vicedir, what is read from where, and a server that cannot be reached.
import assert from 'node:assert/strict';
import yaml from 'js-yaml';
import { CONF_DIRS, DiscoverError, discoverCell } from '../../../src/coda/discover/discover-cell.js';
import { renderInventory } from '../../../src/coda/discover/render-inventory.js';
import { MemoryTransport } from '../../helpers/fake-transport.js';

/** A host whose confdir search answers as the remote script would: the first CONF_DIRS entry with a server.conf. */
function host(name: string, files: Record<string, string>): MemoryTransport {
  const t: MemoryTransport = new MemoryTransport(name, (cmd) => {
    if (cmd.includes('CODACONFPATH')) {
      const dir = CONF_DIRS.find((d) => t.files.has(`${d}/server.conf`));
      return dir ? { stdout: `${dir}\n` } : { code: 1 };
    }
    if (cmd.startsWith('getent hosts srv2')) return { stdout: '10.0.0.2  srv2.example.org\n' };
    if (cmd.startsWith('grep')) return { stdout: 'Coda Vice, version 6.9.5  log started at Wed\n' };
    return {};
  });
  for (const [p, text] of Object.entries(files)) t.files.set(p, text);
  return t;
}

const VICETAB = 'scm.example.org   /vicepa   ftree   width=64,depth=3\nsrv2.example.org   /vicepb   ftree   width=64,depth=3\n';
const VRLIST = '/ 7f000000 1 1000001 0 0 0 0 0 0 0 0\nvol01 7f000001 1 1000002 0 0 0 0 0 0 0 0\n';

function cell(scmConf: string, scmConfDir: string, srv2Reachable = true) {
  const scm = host('scm', {
    [`${scmConfDir}/server.conf`]: scmConf,
    '/vice/db/servers': '# servers of the cell\nscm.example.org\t\t1\nsrv2.example.org\t\t5\n',
    '/vice/db/scm': 'scm.example.org\n', '/vice/db/VRList': VRLIST, '/vice/db/vicetab': VICETAB,
  });
  const srv2 = host('srv2', { '/etc/coda/server.conf': 'vicedir=/vice\n', '/vice/db/vicetab': VICETAB });
  if (!srv2Reachable) srv2.connect = async () => { throw new Error('connection refused'); };
  return { scm, srv2, connect: (name: string) => (name === 'srv2.example.org' ? srv2 : scm) };
}

describe('discoverCell (in-memory hosts)', () => {
  const cases = [
    { why: '8.1 keeps server.conf in <prefix>/etc/coda', confdir: '/usr/local/etc/coda', conf: 'vicedir=/vice\n' },
    { why: '6.9 keeps it in <prefix>/etc, and without vicedir= Coda uses /vice', confdir: '/usr/etc', conf: 'rvm_log=/dev/sdb1\n' },
  ];
  for (const c of cases) {
    it(c.why, async () => {
      const { connect } = cell(c.conf, c.confdir);
      const found = await discoverCell({ scm: 'scm.example.org', connect, resolveLocally: async () => false });
      assert.deepEqual(found.volumes, ['/', 'vol01']);
      assert.equal(found.codaVersion, '6.9');
      assert.deepEqual(found.usedIds, [1, 5]);
      assert.deepEqual(found.servers.map((s) => [s.codaName, s.serverId, s.address, s.confdir, s.vicedir, s.partition]), [
        ['scm.example.org', 1, 'scm.example.org', c.confdir, '/vice', '/vicepa'],
        ['srv2.example.org', 5, '10.0.0.2', '/etc/coda', '/vice', '/vicepb'],
      ]);
    });
  }

  it('a host without servers is not an SCM: a clear error', async () => {
    const { scm } = cell('vicedir=/vice\n', '/etc/coda');
    scm.files.delete('/vice/db/servers');
    await assert.rejects(discoverCell({ scm: 'scm.example.org', connect: () => scm }), (e: Error) => e instanceof DiscoverError && /no \/vice\/db\/servers/.test(e.message));
  });

  it('a server that cannot be reached is still listed, with the reason, as a comment', async () => {
    const { connect } = cell('vicedir=/vice\n', '/etc/coda', false);
    const found = await discoverCell({ scm: 'scm.example.org', connect, resolveLocally: async () => true });
    const srv2 = found.servers.find((s) => s.codaName === 'srv2.example.org')!;
    assert.equal(srv2.address, 'srv2.example.org', 'a name that resolves here is used as it is');
    assert.match(srv2.problems.join(), /connection refused/);
    const text = renderInventory(found, { scm: 'scm.example.org', connection: { user: 'root' } });
    assert.match(text, /# NOT FOUND: cannot connect/);
  });

  it('renders a loadable inventory whose commented new server, once uncommented, has the lowest free id', async () => {
    const { connect } = cell('vicedir=/vice\n', '/etc/coda');
    const text = renderInventory(await discoverCell({ scm: 'scm.example.org', connect, resolveLocally: async () => false }), { scm: 'scm.example.org', connection: { user: 'root', port: 22 } });
    type Doc = { all: { vars: Record<string, unknown>; children: Record<string, { hosts: Record<string, Record<string, unknown>> | null }> } };
    const doc = yaml.load(text) as Doc;
    assert.equal(doc.all.vars.realm, 'example.org');
    assert.deepEqual(Object.keys(doc.all.children.servers!.hosts!), ['srv2']);
    assert.equal(doc.all.children.replicas!.hosts, null);
    const filled = yaml.load(text.replace(/^( {8})# /gm, '$1')) as Doc;
    assert.equal(filled.all.children.replicas!.hosts!.newserver!.server_id, 2);
    assert.equal(filled.all.children.clients!.hosts!.client1!.mountpoint, '/coda');
  });
});
