import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { parseExtraVars } from '../../src/playbook/extra-vars.js';
import { ConfigError } from '../../src/playbook/config-error.js';

const fixtures = fileURLToPath(new URL('../fixtures/playbook/', import.meta.url));

describe('extra vars (-e)', () => {
  const good: [string[], Record<string, unknown>][] = [
    [['a=1 b=x'], { a: 1, b: 'x' }], [['force_setup=true', 'path=/a b'], { force_setup: true, path: '/a b' }],
    [['{"c": [1], "d": {"e": 2}}'], { c: [1], d: { e: 2 } }], [['@extra-vars.yaml'], { vicedir: '/srv/vice', ids: [3, 4] }],
    [['@extra-vars.yaml', 'vicedir=/vice'], { vicedir: '/vice', ids: [3, 4] }], [['x=', 'y=a=b'], { x: '', y: 'a=b' }],
  ];
  for (const [items, want] of good) it(JSON.stringify(items), () => assert.deepEqual(parseExtraVars(items, fixtures), want));
  const bad: [string[], RegExp][] = [
    [['@extra-vars-bad.yaml'], /extra-vars-bad\.yaml:2:6: YAML syntax error/], [['@extra-vars-list.yaml'], /extra-vars-list\.yaml:1: extra vars file must be a mapping/],
    [['@no-such.yaml'], /no-such\.yaml:0: cannot read the file/], [['{"a": [1'], /^-e:1:1: YAML syntax error/], [['novalue'], /expected key=value, JSON or @file: novalue/],
  ];
  for (const [items, message] of bad) {
    it(`rejects ${JSON.stringify(items)} naming where`, () => assert.throws(() => parseExtraVars(items, fixtures), (err: unknown) => err instanceof ConfigError && message.test(err.message)));
  }
});
