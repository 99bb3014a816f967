// Ansible host ranges in inventory names.
import assert from 'node:assert/strict';
import { expandHostRange } from '../../src/inventory/host-range.js';

describe('host ranges', () => {
  const cases: [string, string[] | RegExp][] = [
    ['web[01:03]', ['web01', 'web02', 'web03']], ['db-[a:c].lab', ['db-a.lab', 'db-b.lab', 'db-c.lab']], ['n[1:9:4]', ['n1', 'n5', 'n9']],
    ['r[1:2]x[a:b]', ['r1xa', 'r1xb', 'r2xa', 'r2xb']], ['plain', ['plain']], ['w[3:1]', /start is after the end/], ['w[1:b]', /expected numbers/],
  ];
  for (const [pattern, want] of cases) {
    it(`${pattern}`, () => {
      const got = expandHostRange(pattern);
      if (want instanceof RegExp) assert.match(String(got), want);
      else assert.deepEqual(got, want);
    });
  }
});
