import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { quoteShellArg, shellCommand } from '../../src/util/quote.js';

const NASTY = ['plain', '', 'two words', "it's", '$(touch /tmp/x)', '`id`', 'a;b&&c|d', '*', '~root', 'new\nline', '"dq"', '\\', "'", "-n", 'ünï', '${HOME}', 'tab\there', '?', '[ab]', '{a,b}', '#not a comment', '!', 'a=b', '%s %d', "''''", ' lead', 'trail ', '\\\'\\'];

describe('shell quoting', () => {
  for (const shell of ['sh', 'bash']) {
    for (const value of NASTY) {
      it(`round-trips ${JSON.stringify(value)} through ${shell}`, () => {
        const out = execFileSync(shell, ['-c', `printf '%s' ${quoteShellArg(value)}`], { encoding: 'utf8' });
        assert.equal(out, value);
      });
    }
  }
  it('leaves plain words readable and joins parts', () => {
    assert.equal(shellCommand(['volutil', '-h', 'scm.coda.lab', 'create_rep', '/vicepa', 'vol 1', 7]), "volutil -h scm.coda.lab create_rep /vicepa 'vol 1' 7");
  });
});
