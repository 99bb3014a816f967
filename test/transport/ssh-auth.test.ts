// Public-key authentication against a real sshd: several identity files tried in order, an encrypted key unlocked
// by the passphrase provider (the terminal prompt's seam), a wrong or missing passphrase named in the error.
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startSshCluster, type SshCluster } from '../helpers/ssh-cluster.js';
import { SshTransport } from '../../src/transport/ssh-transport.js';
import { TransportError } from '../../src/transport/transport.js';

describe('ssh authentication (real sshd)', function () {
  let c: SshCluster;
  let encKey: string;
  let savedAgent: string | undefined;
  before(async () => {
    savedAgent = process.env.SSH_AUTH_SOCK;
    delete process.env.SSH_AUTH_SOCK; // no agent: only the files below may authenticate
    c = await startSshCluster(1);
    encKey = join(c.dir, 'enc_key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'sesame', '-f', encKey]);
    appendFileSync(join(c.dir, 'authorized_keys'), readFileSync(`${encKey}.pub`));
  });
  after(async () => {
    if (savedAgent !== undefined) process.env.SSH_AUTH_SOCK = savedAgent;
    await c?.stop();
  });

  const transport = (identityFiles: string[], askPassphrase: (f: string) => Promise<string | null>) => {
    const h = c.hosts[0]!;
    return new SshTransport({ name: 'h1', address: h.address, port: h.port, user: c.user, identityFiles, knownHostsFile: c.knownHostsPath, acceptNewHostKeys: false, askPassphrase });
  };

  const cases: [string, string[], string | null, RegExp | null][] = [
    ['a missing file is skipped, the next one used', ['<missing>', '<plain>'], null, null],
    ['an encrypted key is unlocked with its passphrase', ['<enc>'], 'sesame', null],
    ['a wrong passphrase is named', ['<enc>'], 'wrong', /wrong passphrase for .*enc_key/],
    ['no passphrase available: the key file and what to do', ['<enc>'], null, /the private key .*enc_key is encrypted and no passphrase is available/],
  ];
  for (const [name, files, passphrase, error] of cases) {
    it(name, async () => {
      const asked: string[] = [];
      const paths = files.map((f) => f.replace('<missing>', join(c.dir, 'nope')).replace('<plain>', c.userKeyPath).replace('<enc>', encKey));
      const t = transport(paths, async (f) => { asked.push(f); return passphrase; });
      try {
        if (error) {
          await assert.rejects(t.connect(), (err: unknown) => err instanceof TransportError && err.phase === 'auth' && error.test(err.message) && !err.message.includes('sesame'));
        } else {
          assert.equal((await t.exec('echo in')).stdout, 'in\n');
        }
        assert.deepEqual(asked, files.includes('<enc>') ? [encKey] : [], 'asked once, for the encrypted key only');
      } finally { await t.close(); }
    });
  }
});
