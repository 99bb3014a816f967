// Picks the transport an inventory host asks for; ssh hosts get their settings from the inventory and the user's
// ssh config (ssh-config.ts decides the precedence).
import type SSHConfig from 'ssh-config';
import type { InventoryHost } from '../inventory/types.js';
import { LocalTransport } from './local-transport.js';
import { resolveSshSettings } from './ssh-config.js';
import { SshTransport } from './ssh-transport.js';
import type { Transport } from './transport.js';

export interface TransportOptions {
  acceptNewHostKeys: boolean;
  knownHostsFile?: string;
  /** `-F FILE` ('none': no ssh config); default ~/.ssh/config. */
  sshConfigFile?: string;
  /** Parsed ssh configs by path, shared by every host of a run. */
  sshConfigCache?: Map<string, SSHConfig | null>;
}

export function createTransport(host: InventoryHost, options: TransportOptions): Transport {
  if (host.connection === 'local') return new LocalTransport(host.name);
  const s = resolveSshSettings(host, { acceptNewHostKeys: options.acceptNewHostKeys, knownHostsFile: options.knownHostsFile, sshConfigFile: options.sshConfigFile, cache: options.sshConfigCache });
  return new SshTransport({
    name: host.name, address: s.address, port: s.port, user: s.user,
    identityFiles: s.identityFiles, knownHostsFile: s.knownHostsFile, hostKeyAlias: s.hostKeyAlias,
    acceptNewHostKeys: s.acceptNewHostKeys, jumps: s.jumps, refusal: s.refusal,
  });
}

/** One factory per run: every host's ssh config is read from one parse of each file. */
export function createTransportFactory(options: TransportOptions): (host: InventoryHost) => Transport {
  const cache = options.sshConfigCache ?? new Map<string, SSHConfig | null>();
  return (host) => createTransport(host, { ...options, sshConfigCache: cache });
}
