// The bench's flatness lines from hand-made rows (no timing is measured here).
import { strict as assert } from 'node:assert';
import { flatnessLines, type BenchRow } from '../../scripts/bench/flatness.js';

const row = (volumes: number, clients: number, runMs: number, ok = true): BenchRow => ({ size: { volumes, newServers: 1, clients }, runMs, ok });

describe('bench flatness', () => {
  it('three volume sizes: compares the last two marginal times per volume', () => {
    const [line] = flatnessLines([row(10, 1, 20_000), row(100, 1, 65_000), row(1000, 1, 515_000)]);
    assert.match(line!, /^per vol \(1 new, 1 cl\): 10 vol: 2\.000 s\/vol, 100 vol: 0\.650 s\/vol, 1000 vol: 0\.515 s\/vol; marginal per added vol 10→100: 0\.500 s, 100→1000: 0\.500 s; last two marginals: 1\.00× — flat \(within 20 %\)$/);
  });

  it('two client sizes: compares wall per client, says when it grows', () => {
    const lines = flatnessLines([row(100, 10, 100_000), row(100, 50, 1_000_000)]);
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /^per client \(100 vol, 1 new\): .*wall\/client at 50 vs 10: 2\.00× — NOT flat: grows$/);
  });

  it('leaves out failed rows and dimensions with one size', () => {
    assert.deepEqual(flatnessLines([row(100, 1, 1000), row(1000, 1, 9000, false)]), []);
  });
});
