import assert from 'node:assert/strict';
import { bldvldbProblem, parseBldvldbOutput } from '../../../src/coda/parsers/index.js';
import { fixture } from './fixture.js';

describe('coda parsers: bldvldb.sh output', () => {
  const cases: { file: string; servers: [string, boolean][]; failed: string[]; vldb: boolean; wanted?: string[]; problem?: RegExp }[] = [
    { file: 'bldvldb-ok.txt', servers: [['scm1.coda.test', true], ['srv2.coda.test', true]], failed: [], vldb: true },
    { file: 'bldvldb-server-down.txt', servers: [['scm1.coda.test', true], ['srv2.coda.test', false]], failed: ['srv2.coda.test'], vldb: true, problem: /could not fetch the volume list of srv2.coda.test/ },
    { file: 'createvol-rep-one-server.txt', servers: [['scm1.coda.test', true]], failed: [], vldb: true },
    { file: 'createvol-rep-one-server.txt', servers: [['scm1.coda.test', true]], failed: [], vldb: true, wanted: ['srv2.coda.test'], problem: /did not fetch srv2.coda.test/ },
    { file: 'volutil-server-down.txt', servers: [], failed: [], vldb: false, problem: /did not start/ },
  ];
  for (const c of cases) {
    it(`${c.file}${c.wanted ? ` wanting ${c.wanted.join(',')}` : ''}`, () => {
      const r = parseBldvldbOutput(fixture(c.file));
      assert.deepEqual(r.servers.map((s) => [s.name, s.ok]), c.servers);
      assert.deepEqual(r.failed, c.failed);
      assert.equal(r.vldbCompleted, c.vldb);
      const problem = bldvldbProblem(r, c.wanted);
      if (c.problem) assert.match(problem ?? '', c.problem);
      else assert.equal(problem, undefined);
    });
  }
});
