// N real sshd hosts on random 127.a.b.c loopback addresses with a generated user key and a known_hosts file,
// for integration tests. stop() ends every sshd it started, by pid, and removes the directory.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { generateKeyPair, startSshd, type RunningSshd, type SshdOptions } from '../../src/lab/sshd.js';
import type { InventoryHost } from '../../src/inventory/types.js';

export interface SshCluster {
  dir: string;
  hosts: (RunningSshd & { name: string })[];
  userKeyPath: string;
  knownHostsPath: string;
  user: string;
  inventoryHost(name: string): InventoryHost;
  stop(): Promise<void>;
}

export async function startSshCluster(n: number, opts: { setEnv?: (name: string) => Record<string, string>; logLevel?: SshdOptions['logLevel'] } = {}): Promise<SshCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'cpssh-'));
  const user = userInfo().username;
  const { privateKeyPath, publicKey } = await generateKeyPair(join(dir, 'id_ed25519'), 'codaplay-test');
  const authorizedKeysFile = join(dir, 'authorized_keys');
  writeFileSync(authorizedKeysFile, `${publicKey}\n`);
  const a = 1 + Math.floor(Math.random() * 250);
  const b = 1 + Math.floor(Math.random() * 250);
  const hosts: SshCluster['hosts'] = [];
  try {
    for (let i = 0; i < n; i++) {
      const name = `h${i + 1}`;
      // SHLVL=1: bash skips ~/.bashrc for ssh commands (a heavy one costs each command ~0.3 s on this machine).
      const sshd = await startSshd({ dir: join(dir, name), address: `127.${a}.${b}.${10 + i}`, port: 2222, user, authorizedKeysFile, logLevel: opts.logLevel, setEnv: { SHLVL: '1', ...opts.setEnv?.(name) } });
      hosts.push({ ...sshd, name });
    }
  } catch (err) {
    await Promise.all(hosts.map((h) => h.stop()));
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const knownHostsPath = join(dir, 'known_hosts');
  writeFileSync(knownHostsPath, hosts.map((h) => h.knownHostsLine).join('\n') + '\n');
  return {
    dir, hosts, userKeyPath: privateKeyPath, knownHostsPath, user,
    inventoryHost: (name) => {
      const h = hosts.find((x) => x.name === name)!;
      return { name, address: h.address, port: h.port, user, connection: 'ssh', identityFile: privateKeyPath, knownHostsFile: knownHostsPath, groups: ['all'], vars: {}, location: 'test' };
    },
    stop: async () => {
      await Promise.all(hosts.map((h) => h.stop()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
