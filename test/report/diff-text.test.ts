import assert from 'node:assert/strict';
import { renderDiff } from '../../src/report/diff-text.js';

describe('--diff text', () => {
  const cases: [string, string | undefined, RegExp][] = [
    ['no note: the plain header', undefined, /^\+\+\+ \/vice\/db\/VRList \(after\)$/m],
    ['a note (predicted ids) goes into the after header', 'predicted replica id(s) 02000001', /^\+\+\+ \/vice\/db\/VRList \(after; predicted replica id\(s\) 02000001\)$/m],
  ];
  for (const [name, note, header] of cases) {
    it(name, () => assert.match(renderDiff({ path: '/vice/db/VRList', before: 'a\n', after: 'b\n', ...(note ? { note } : {}) }), header));
  }
});
