import assert from 'node:assert/strict';
import { planVolume, type ServerVolumes } from '../../../src/coda/modules/replica-plan.js';

const line = { name: 'vol', groupId: 0x7f000001, count: 1, slots: [0x01000002, 0, 0, 0, 0, 0, 0, 0] };
const server = (serverId: number, volumes: [string, number][] = []): ServerVolumes => ({ host: `new${serverId}`, codaName: `new${serverId}.lab`, serverId, volumes: new Map(volumes) });

describe('replica plan (create, adopt, done, clash)', () => {
  it('creates vol.1 on a fresh new server', () => {
    const p = planVolume(line, [server(2)]);
    assert.deepEqual(p.steps.map((s) => [s.kind, s.name, s.slot]), [['create', 'vol.1', 1]]);
    assert.deepEqual(p.existing, [0x01000002]);
  });
  it('adopts the replica an interrupted run created instead of a second create_rep', () => {
    const p = planVolume(line, [server(2, [['vol.1', 0x02000001]])]);
    assert.deepEqual(p.steps.map((s) => [s.kind, s.name, s.kind === 'adopt' ? s.id : 0]), [['adopt', 'vol.1', 0x02000001]]);
  });
  it('is done when VRList already holds the server', () => {
    const p = planVolume({ ...line, count: 2, slots: [0x01000002, 0x02000001, 0, 0, 0, 0, 0, 0] }, [server(2, [['vol.1', 0x02000001]])]);
    assert.deepEqual(p.steps, []);
    assert.equal(p.done.length, 1);
  });
  it('two new servers take consecutive slots', () => {
    const p = planVolume(line, [server(2), server(3)]);
    assert.deepEqual(p.steps.map((s) => `${s.server.codaName}:${s.name}`), ['new2.lab:vol.1', 'new3.lab:vol.2']);
  });
  it('reports a clash with a differently numbered replica of the same volume', () => {
    const p = planVolume(line, [server(2, [['vol.5', 0x02000009]])]);
    assert.match(p.clashes.join(), /already has a volume named vol\.5/);
  });
});
