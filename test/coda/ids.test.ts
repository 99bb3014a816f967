import assert from 'node:assert/strict';
import { checkGroupName, checkServerId, checkVolumeName, firstVolumeIdOf, formatVolumeId, isGroupId, lowestFreeServerId, parseReplicaName, parseServerId, parseVolumeId, replicaName, serverIdOfVolume, volumeIdDecimal } from '../../src/coda/ids.js';

describe('coda ids', () => {
  const serverIds: [number, boolean][] = [[1, true], [126, true], [128, true], [254, true], [0, false], [127, false], [255, false], [256, false], [1000, false], [-1, false], [1.5, false]];
  for (const [id, usable] of serverIds) it(`server id ${id} is ${usable ? 'usable' : 'refused'}`, () => assert.equal(checkServerId(id) === undefined, usable));

  it('parseServerId takes plain decimal only', () => {
    assert.equal(parseServerId('12'), 12);
    assert.equal(parseServerId('0x1f'), undefined);
    assert.equal(parseServerId(' 3'), undefined);
  });

  const free: [number[], number | undefined][] = [[[], 1], [[1, 2], 3], [[2], 1], [Array.from({ length: 126 }, (_, i) => i + 1), 128], [Array.from({ length: 254 }, (_, i) => i + 1), undefined]];
  for (const [used, want] of free) it(`lowestFreeServerId with ${used.length} used -> ${want}`, () => assert.equal(lowestFreeServerId(used), want));

  const volumeIds: [string, number | undefined][] = [['01000001', 0x01000001], ['1000001', 0x01000001], ['7f000000', 0x7f000000], ['7F000001', 0x7f000001], ['0x2000001', 0x02000001], ['', undefined], ['123456789', undefined], ['xyz', undefined]];
  for (const [text, want] of volumeIds) it(`parseVolumeId ${JSON.stringify(text)}`, () => assert.equal(parseVolumeId(text), want));

  it('formats, decimal form, server of a volume, group ids', () => {
    assert.equal(formatVolumeId(0x1000001), '01000001');
    assert.equal(volumeIdDecimal(0x7f000001), '2130706433');
    assert.equal(volumeIdDecimal(0x02000001), '33554433');
    assert.equal(serverIdOfVolume(0x02000001), 2);
    assert.equal(serverIdOfVolume(0xfe000001), 254);
    assert.ok(isGroupId(0x7f000000));
    assert.ok(!isGroupId(0x01000001));
    assert.equal(firstVolumeIdOf(2), 0x02000001);
    assert.equal(firstVolumeIdOf(200), 0xc8000001);
  });

  it('volume names: < 32 characters, group names <= 29, replica names <group>.<slot>', () => {
    assert.equal(checkVolumeName('a'.repeat(31)), undefined);
    assert.match(checkVolumeName('a'.repeat(32))!, /at most 31/);
    assert.match(checkVolumeName('x.backup')!, /strips/);
    assert.match(checkVolumeName('a b')!, /whitespace/);
    assert.equal(checkGroupName('a'.repeat(29)), undefined);
    assert.match(checkGroupName('a'.repeat(30))!, /".N" fits/);
    assert.equal(replicaName('seedvol', 1), 'seedvol.1');
    assert.deepEqual(parseReplicaName('seed.vol.7'), { group: 'seed.vol', slot: 7 });
    assert.equal(parseReplicaName('seedvol.8'), undefined);
  });
});
