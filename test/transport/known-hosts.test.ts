// known_hosts parsing and matching, table-driven, checked against what OpenSSH's own tools produce.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendKnownHost, checkHostKey, fingerprintOf, hostKeyAlgorithmsFor, hostKeyName, keyTypeOf, parseKnownHosts, patternMatches } from '../../src/transport/known-hosts.js';

const KEY_A = 'AAAAC3NzaC1lZDI1NTE5AAAAIIKFv0qd8tMjajeZnZ6EhXq3sFdvrqWGpG5FYttDWt1i';
const KEY_B = 'AAAAC3NzaC1lZDI1NTE5AAAAIGlHoWJ3AIXAQ8D8tMsNl1nvxE5V2a3f3Ve8Idiqb5Yx';
const blob = (k: string): Buffer => Buffer.from(k, 'base64');

function hashed(name: string, salt = Buffer.alloc(20, 7)): string {
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

describe('known_hosts', () => {
  const names: [string, number, string][] = [['h.lab', 22, 'h.lab'], ['127.0.0.5', 2222, '[127.0.0.5]:2222'], ['::1', 22, '::1']];
  for (const [host, port, want] of names) it(`names ${host}:${port} as ${want}`, () => assert.equal(hostKeyName(host, port), want));

  const patterns: [string, string, boolean][] = [
    ['h.lab', 'h.lab', true],
    ['H.LAB', 'h.lab', true],
    ['other,h.lab', 'h.lab', true],
    ['other', 'h.lab', false],
    ['*.lab', 'h.lab', true],
    ['*.lab,!h.lab', 'h.lab', false],
    ['h?lab', 'h.lab', true],
    ['hxlab', 'h.lab', false],
    ['[127.0.0.5]:2222', '[127.0.0.5]:2222', true],
    ['[127.0.0.5]:2222', '127.0.0.5', false],
    ['127.0.0.5', '[127.0.0.5]:2222', false],
    ['[127.0.0.5]:2223', '[127.0.0.5]:2222', false],
    ['127.0.0.15', '127.0.0.5', false],
    [hashed('[127.0.0.5]:2222'), '[127.0.0.5]:2222', true],
    [hashed('h.lab'), 'h.lab', true],
    [hashed('h.lab'), 'g.lab', false],
    ['|1|broken', 'h.lab', false],
  ];
  for (const [pattern, name, want] of patterns) {
    it(`${want ? 'matches' : 'does not match'} ${name} against ${pattern}`, () => assert.equal(patternMatches(pattern, name), want));
  }

  const N = '[10.0.0.1]:2222';
  const verdicts: [string, string, string, number?][] = [
    ['empty file', '', 'unknown'],
    ['comments and blank lines only', `# ${N} ssh-ed25519 ${KEY_A}\n\n   \n`, 'unknown'],
    ['the same key', `# c\n${N} ssh-ed25519 ${KEY_A}\n`, 'known', 2],
    ['the key in a comma list', `h.lab,${N} ssh-ed25519 ${KEY_A} comment\n`, 'known', 1],
    ['a hashed entry', `${hashed(N)} ssh-ed25519 ${KEY_A}\n`, 'known', 1],
    ['another key for the name', `other ssh-ed25519 ${KEY_A}\n${N} ssh-ed25519 ${KEY_B}\n`, 'changed', 2],
    ['another hashed key for the name', `${hashed(N)} ssh-ed25519 ${KEY_B}\n`, 'changed', 1],
    ['a revoked key', `@revoked * ssh-ed25519 ${KEY_A}\n${N} ssh-ed25519 ${KEY_A}\n`, 'revoked', 1],
    ['a revoked other key', `@revoked * ssh-ed25519 ${KEY_B}\n${N} ssh-ed25519 ${KEY_A}\n`, 'known', 2],
    ['the key for another port only', `[10.0.0.1]:22 ssh-ed25519 ${KEY_A}\n10.0.0.1 ssh-ed25519 ${KEY_A}\n`, 'unknown'],
    ['a cert-authority line only', `@cert-authority * ssh-ed25519 ${KEY_A}\n`, 'unknown'],
    ['CRLF line endings', `${N} ssh-ed25519 ${KEY_A}\r\n`, 'known', 1],
  ];
  for (const [what, text, kind, line] of verdicts) {
    it(`says ${kind} for ${what}`, () => {
      const v = checkHostKey(text, N, 'ssh-ed25519', blob(KEY_A));
      assert.equal(v.kind, kind);
      if (line !== undefined && v.kind !== 'unknown') assert.equal(v.entry.line, line);
    });
  }

  it('parses markers, skips malformed lines, keeps line numbers', () => {
    const entries = parseKnownHosts(`# x\nonlyhost\n@revoked h ssh-ed25519 ${KEY_A}\nh ssh-ed25519 ${KEY_B} c\n`);
    assert.deepEqual(entries.map((e) => [e.line, e.marker, e.patterns]), [[3, '@revoked', 'h'], [4, null, 'h']]);
  });

  it('offers the algorithms of known keys first', () => {
    const text = `${N} ssh-rsa AAAA\nother ecdsa-sha2-nistp256 AAAA\n@revoked ${N} ecdsa-sha2-nistp521 AAAA\n`;
    assert.deepEqual(hostKeyAlgorithmsFor(text, N).slice(0, 4), ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa', 'ssh-ed25519']);
    assert.equal(hostKeyAlgorithmsFor('', N)[0], 'ssh-ed25519');
    assert.equal(hostKeyAlgorithmsFor(text, N).length, 7);
  });

  it('reads the key type from the blob', () => assert.equal(keyTypeOf(blob(KEY_A)), 'ssh-ed25519'));

  describe('with OpenSSH tools', () => {
    let dir: string;
    before(() => { dir = mkdtempSync(join(tmpdir(), 'cpkh-')); });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('prints the same SHA256 fingerprint as ssh-keygen -l', () => {
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'k')]);
      const pub = readFileSync(join(dir, 'k.pub'), 'utf8').split(' ')[1]!;
      const fromKeygen = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', join(dir, 'k.pub')], { encoding: 'utf8' }).split(' ')[1];
      assert.equal(fingerprintOf(blob(pub)), fromKeygen);
    });

    it('matches entries hashed by ssh-keygen -H, and appends lines ssh-keygen -F finds', () => {
      const file = join(dir, 'known_hosts');
      writeFileSync(file, 'x ssh-ed25519 AAAA');
      appendKnownHost(file, N, 'ssh-ed25519', blob(KEY_A));
      assert.equal(readFileSync(file, 'utf8'), `x ssh-ed25519 AAAA\n${N} ssh-ed25519 ${KEY_A}\n`);
      assert.match(execFileSync('ssh-keygen', ['-F', N, '-f', file], { encoding: 'utf8' }), /ssh-ed25519/);
      execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
      const text = readFileSync(file, 'utf8');
      assert.ok(text.includes('|1|'), 'ssh-keygen hashed the file');
      assert.equal(checkHostKey(text, N, 'ssh-ed25519', blob(KEY_A)).kind, 'known');
    });
  });
});
