import assert from 'node:assert/strict';
import { addReplicaToVRList, appendServerLine, listedServers, parseCreatedVolume, parseVolInfo, parseVolumeListNames, parseVolumeListUsage, volumeLines } from '../../../src/coda/modules/cell-files.js';

const OBSERVED_VRLIST = '/ 7f000000 1 01000001 00000000 00000000 00000000 00000000 00000000 00000000 00000000 0\nseedvol 7f000001 1 01000002 0 0 0 0 0 0 0\n';

describe('coda cell-file views used by the modules', () => {
  const vrlistEdits: { name: string; before: string; volume: string; id: number; after: string }[] = [
    { name: 'padded 12-field line (dumpvrdb form)', before: OBSERVED_VRLIST, volume: '/', id: 0x02000001,
      after: '/ 7f000000 2 01000001 02000001 00000000 00000000 00000000 00000000 00000000 00000000 0\nseedvol 7f000001 1 01000002 0 0 0 0 0 0 0\n' },
    { name: '11-field createvol_rep line keeps its zeros', before: OBSERVED_VRLIST, volume: 'seedvol', id: 0x02000001,
      after: '/ 7f000000 1 01000001 00000000 00000000 00000000 00000000 00000000 00000000 00000000 0\nseedvol 7f000001 2 01000002 02000001 0 0 0 0 0 0\n' },
    { name: 'unpadded wiki form stays unpadded', before: 'myvol 7f000000 1 1000001 0 0 0 0 0 0 0 0', volume: 'myvol', id: 0x02000001,
      after: 'myvol 7f000000 2 1000001 2000001 0 0 0 0 0 0 0' },
    { name: 'tabs are kept', before: 'v\t7f000005\t1\t01000009\t0\t0\t0\t0\t0\t0\t0\n', volume: 'v', id: 0x03000004,
      after: 'v\t7f000005\t2\t01000009\t03000004\t0\t0\t0\t0\t0\t0\n' },
  ];
  for (const c of vrlistEdits) {
    it(`addReplicaToVRList: ${c.name}`, () => assert.equal(addReplicaToVRList(c.before, c.volume, c.id), c.after));
  }

  it('volumeLines reads both forms', () => {
    assert.deepEqual(volumeLines(OBSERVED_VRLIST).map((v) => [v.name, v.groupId.toString(16), v.count, v.replicas[0]!.toString(16)]), [['/', '7f000000', 1, '1000001'], ['seedvol', '7f000001', 1, '1000002']]);
  });

  it('listedServers reads what codasrv reads and appendServerLine writes vice-setup\'s form', () => {
    const text = 'scm1.coda.test\t\t1\n# a comment\nsrv2.coda.test 2\n';
    assert.deepEqual(listedServers(text), [{ name: 'scm1.coda.test', id: 1 }, { name: 'srv2.coda.test', id: 2 }]);
    assert.equal(appendServerLine('a 1', 'b', 2), 'a 1\nb\t\t2\n');
    assert.equal(appendServerLine(text, 'new', 3), `${text}new\t\t3\n`);
  });

  it('parses OBSERVED getvolinfo, getvolumelist and create_rep output', () => {
    const info = parseVolInfo('RPC2 connection to scm1.coda.test:2432 successful.\nReturned volume information for seedvol\n\tVolumeId 7f000001\n\tReplicated volume (type 3)\n\n\tServerCount 2\n\tReplica0 id 01000002, Server0 10.77.0.1\n\tReplica1 id 02000001, Server1 10.77.0.2\n\tReplica2 id 00000000, Server2 0.0.0.0\n');
    assert.equal(info?.serverCount, 2);
    assert.deepEqual(info?.replicas[1], { id: 0x02000001, ip: '10.77.0.2' });
    assert.equal(parseVolInfo('ViceGetVolumeInfo for 7f000000 to scm1.coda.test:2432 failed with Unknown RPC2 return code 603.\n'), null);
    const list = 'P/vicepa Hsrv2.coda.test T6576580 F4e62ee4\nWseedvol.1 I2000001 H2 P/vicepa m0 M0 U2 W2000001 C6b04ee3f D6b04ee3f B0 A0\nWtwovol.1 I2000002 H2 P/vicepa m0 M0 U1a W2000002 C6b04ee4b D6b04ee4b B0 A0\n';
    assert.deepEqual([...parseVolumeListNames(list)], [['seedvol.1', 0x2000001], ['twovol.1', 0x2000002]]);
    assert.deepEqual([...parseVolumeListUsage(list)], [['seedvol.1', 2], ['twovol.1', 0x1a]]);
    assert.deepEqual(parseCreatedVolume('Volume 02000001 (seedvol.1) created \n'), { id: 0x02000001, name: 'seedvol.1' });
  });
});
