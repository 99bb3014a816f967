// YAML syntax errors point at the line and column of the problem (1-based), not at where js-yaml noticed it:
// an unclosed quote or bracket at its opening, a key without its colon on its own line.
import assert from 'node:assert/strict';
import { ConfigError } from '../../src/playbook/config-error.js';
import { loadYaml } from '../../src/playbook/yaml-source.js';

const cases: [name: string, text: string, line: number, column: number, message: RegExp][] = [
  ['bad indentation', 'a:\n  b: 1\n   c: 2\nd: 3\n', 3, 5, /bad indentation/],
  ['unclosed double quote', 'a: 1\nb: "hello\nc: 3\nd: 4\n', 2, 4, /double quoted scalar \(the quote opened here is never closed\)/],
  ['unclosed single quote with an escaped quote inside', "a: 1\nb: 'it''s\nc: 3\n", 2, 4, /single quoted scalar/],
  ['unclosed flow sequence', 'all:\n  hosts: [a\n', 2, 10, /flow collection \(the bracket opened here is never closed\)/],
  ['a key without its colon', '- name: x\n  hosts all\n  tasks: []\n', 2, 3, /multiline key/],
  ['a line with no colon at the end', 'a:\n- b\nc\n', 3, 1, /multiline key/],
  ['tab in indentation', 'a:\n\tb: 1\n', 2, 1, /tab characters/],
  ['duplicated key', 'a: 1\na: 2\n', 2, 1, /duplicated mapping key/],
];

describe('YAML syntax errors: line and column', () => {
  for (const [name, text, line, column, message] of cases) {
    it(`${name} -> ${line}:${column}`, () => {
      assert.throws(() => loadYaml('/tmp/f.yaml', text), (err: unknown) => {
        assert.ok(err instanceof ConfigError);
        const i = err.issues[0]!;
        assert.deepEqual([i.line, i.column], [line, column], err.message);
        assert.match(err.message, new RegExp(`^/tmp/f\\.yaml:${line}:${column}: YAML syntax error: `));
        assert.match(err.message, message);
        return true;
      });
    });
  }
});
