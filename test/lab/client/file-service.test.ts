// The server-side file service against two in-memory runtimes that serve each other over the lab's real RPC
// (loopback): populate/list/readdir, resolution filling a runt (FTREEDB +24 bytes per file), resolution off on
// the coordinator marking a directory in conflict, and an unknown site failing the resolution.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveRpc, type RpcRequest, type RpcResponse } from '../../../src/lab/core/rpc.js';
import type { HostEnv } from '../../../src/lab/core/host-env.js';
import type { LabConfig } from '../../../src/lab/core/lab-config.js';
import { handleFileServiceOp } from '../../../src/lab/server/file-service.js';
import type { ServerRuntime, ServerTableEntry } from '../../../src/lab/server/runtime.js';
import type { ServerVolume } from '../../../src/lab/server/rvm-state.js';

const GROUP = 0x7f000001;
const ID_A = 0x01000001;
const ID_B = 0x02000001;
const PORT = 41000 + (process.pid % 2000);

function makeRuntime(dir: string, lab: LabConfig, short: string, serverId: number, volumeId: number, table: Map<number, ServerTableEntry>): ServerRuntime & { logs: string[] } {
  const root = join(dir, short);
  const partition = join(root, 'vicepa');
  mkdirSync(partition, { recursive: true });
  const vol: ServerVolume = { id: volumeId, name: 'vol01.0', partition, groupId: GROUP, resOn: 4, logSize: 8192, created: 0, objects: {} };
  const logs: string[] = [];
  const rt = {
    env: { lab, host: { name: `${short}.coda.lab`, short, ip: table.get(serverId)!.ip, root, role: 'server', serverId }, root, confDir: join(root, 'etc/coda') } as HostEnv,
    vicedir: join(root, 'vice'),
    serverId,
    serversTable: table,
    vrdb: [{ name: 'vol01', groupId: GROUP, count: 2, replicas: [ID_A, ID_B, 0, 0, 0, 0, 0, 0] }],
    vldb: [],
    state: { maxVolId: serverId << 24, volumes: [vol], nextContainerSlot: {} },
    commit: () => undefined,
    findVolume: (x: number | string) => (x === volumeId || x === vol.name ? vol : undefined),
    log: (m: string) => { logs.push(m); },
    partitionDir: (p: string) => p,
    partitions: [partition],
    conf: new Map<string, string>(),
    hostname: `${short}.coda.lab`,
    srvLogPath: join(root, 'SrvLog'),
    reloadDatabases: () => undefined,
    logs,
  };
  return rt;
}

const ftreedb = (rt: ServerRuntime): number => { try { return statSync(join(rt.state.volumes[0]!.partition, 'FTREEDB')).size; } catch { return 0; } };
const call = (rt: ServerRuntime, req: RpcRequest): Promise<RpcResponse> => handleFileServiceOp(rt, req).then((r) => r!);

describe('lab file service and resolution (two in-memory servers over loopback RPC)', function () {
  this.timeout(20_000);
  let dir: string;
  let a: ServerRuntime & { logs: string[] };
  let b: ServerRuntime & { logs: string[] };
  const servers: Server[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cpl-fs-'));
    const table = new Map<number, ServerTableEntry>([[1, { name: 'scm.coda.lab', ip: '127.77.0.1' }], [2, { name: 'new1.coda.lab', ip: '127.77.0.2' }]]);
    const lab = { dir, codasrvPort: PORT, timeFactor: 0.02 } as LabConfig;
    a = makeRuntime(dir, lab, 'scm', 1, ID_A, table);
    b = makeRuntime(dir, lab, 'new1', 2, ID_B, table);
    for (const rt of [a, b]) servers.push(await serveRpc(rt.env.host.ip, PORT, async (req) => (await handleFileServiceOp(rt, req)) ?? { rc: -1 }));
    assert.equal((await call(a, { op: 'LabPopulate', volumeId: ID_A, dirs: 2, files: 6, seed: 3 })).rc, 0);
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
    rmSync(dir, { recursive: true, force: true });
  });

  it('populates deterministically: listing, GetAttr, ReadDir, one FTREEDB record per file', async () => {
    const list = (await call(a, { op: 'LabListReplica', volumeId: ID_A })).objects as { path: string; type: string }[];
    assert.deepEqual(list.map((o) => o.path), ['/', '/dir1', '/dir1/file2.txt', '/dir1/file5.txt', '/dir2', '/dir2/file3.txt', '/dir2/file6.txt', '/file1.txt', '/file4.txt']);
    assert.equal(ftreedb(a), 6 * 24);
    assert.deepEqual((await call(a, { op: 'ReadDir', volumeId: ID_A, path: '/' })).entries, ['dir1', 'dir2', 'file1.txt', 'file4.txt']);
    assert.equal((await call(a, { op: 'GetAttr', volumeId: ID_A, path: '/nope' })).rc, 602);
    assert.equal(await handleFileServiceOp(a, { op: 'NotMine' }), undefined);
  });

  it('resolution copies each touched file to the runt (+24 bytes FTREEDB each); untouched objects stay unreplicated', async () => {
    for (const p of ['/', '/dir1', '/dir1/file2.txt', '/dir1/file5.txt']) assert.equal((await call(a, { op: 'Resolve', groupId: GROUP, path: p })).rc, 0, p);
    assert.equal(ftreedb(b), 2 * 24);
    const list = (await call(b, { op: 'LabListReplica', volumeId: ID_B })).objects as { path: string; size: number; vv: number[] }[];
    assert.deepEqual(list.map((o) => o.path), ['/', '/dir1', '/dir1/file2.txt', '/dir1/file5.txt']);
    const fa = await call(a, { op: 'Fetch', volumeId: ID_A, path: '/dir1/file5.txt' });
    const fb = await call(b, { op: 'Fetch', volumeId: ID_B, path: '/dir1/file5.txt' });
    assert.equal(fb.data, fa.data);
    assert.deepEqual((fb.attr as { vv: number[] }).vv, (fa.attr as { vv: number[] }).vv);
    // A second resolution finds equal vectors and copies nothing.
    assert.equal((await call(a, { op: 'Resolve', groupId: GROUP, path: '/dir1/file5.txt' })).resolved, 0);
    assert.equal(ftreedb(b), 2 * 24);
  });

  it('resolution off on the coordinator (resOn 0): a directory is marked in conflict, nothing forced', async () => {
    a.state.volumes[0]!.resOn = 0;
    const r = await call(a, { op: 'Resolve', groupId: GROUP, path: '/dir2' });
    assert.notEqual(r.rc, 0);
    assert.equal(a.state.volumes[0]!.objects['/dir2']!.conflict, true);
    assert.equal(b.state.volumes[0]!.objects['/dir2'], undefined);
    assert.match(a.logs.join('\n'), /OldDirResolve/);
  });

  it('a site missing from the coordinator\'s servers table cannot be reached: the resolution fails', async () => {
    a.serversTable = new Map([[1, a.serversTable.get(1)!]]);
    const r = await call(a, { op: 'Resolve', groupId: GROUP, path: '/file1.txt' });
    assert.ok(r.rc < 0);
    assert.equal(ftreedb(b), 0);
  });
});
