// Every Coda module that takes volumes accepts `all`, a list, or a comma-separated string (what `-e volumes=…`
// gives), and rejects the rest with the same message.
import assert from 'node:assert/strict';
import type { z } from 'zod';
import { codaModules } from '../../../src/coda/modules/index.js';

const fieldOf = (m: (typeof codaModules)[number], key: string): z.ZodType | undefined => (m.schema as unknown as z.ZodObject).shape?.[key] as z.ZodType | undefined;
const takers = codaModules.flatMap((m) => ['volumes', 'prove_volumes'].filter((key) => fieldOf(m, key)?.safeParse('all').success).map((key) => ({ m, key, field: fieldOf(m, key)! })));

const cases: [value: unknown, expected: unknown][] = [
  ['all', 'all'], [' all ', 'all'], ['vol01', ['vol01']], ['vol01,vol02', ['vol01', 'vol02']], ['vol01, vol02,', ['vol01', 'vol02']],
  [['vol01', 'vol02'], ['vol01', 'vol02']], [5, null], [{ a: 1 }, null], [[''], null],
];

describe('Coda modules: the volumes argument', () => {
  it('is taken by the add-replica modules', () => {
    assert.deepEqual(takers.map((t) => t.m.name).sort(), ['coda_client_sync', 'coda_db_sync', 'coda_preflight', 'coda_replicas', 'coda_verify', 'coda_vrlist']);
  });
  for (const { m, key, field } of takers) {
    for (const [value, expected] of cases) {
      it(`${m.name} ${key}=${JSON.stringify(value)} -> ${expected === null ? 'rejected' : JSON.stringify(expected)}`, () => {
        const r = field.safeParse(value);
        if (expected === null) {
          assert.equal(r.success, false);
          assert.match(JSON.stringify(r.error?.issues), /expected `all`, a list of volume names, or names separated by commas|volume name cannot be empty/);
        } else {
          assert.ok(r.success, JSON.stringify(r.error?.issues));
          assert.deepEqual(r.data, expected);
        }
      });
    }
  }
});
