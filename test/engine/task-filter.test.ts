import assert from 'node:assert/strict';
import { selectedByTags } from '../../src/engine/task-filter.js';

// [task tags, --tags, --skip-tags, runs?] — Ansible's rules for always/never/tagged/untagged/all.
const cases: [string[], string[], string[], boolean][] = [
  [[], [], [], true],
  [['a'], ['a'], [], true],
  [['a'], ['b'], [], false],
  [['always'], ['b'], [], true],
  [['always'], [], ['always'], false],
  [['never'], [], [], false],
  [['never', 'debug'], ['debug'], [], true],
  [['a'], [], ['a'], false],
  [['a', 'b'], ['a'], ['b'], false],
  [[], ['untagged'], [], true],
  [['a'], ['tagged'], [], true],
  [[], ['tagged'], [], false],
  [['a'], ['all'], [], true],
];

describe('engine: tags', () => {
  for (const [tags, only, skip, runs] of cases) {
    it(`task [${tags}] --tags [${only}] --skip-tags [${skip}] → ${runs ? 'runs' : 'left out'}`, () => {
      assert.equal(selectedByTags(tags, only, skip), runs);
    });
  }
});
