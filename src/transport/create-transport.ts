// Picks the transport an inventory host asks for.
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { InventoryHost } from '../inventory/types.js';
import { LocalTransport } from './local-transport.js';
import { SshTransport } from './ssh-transport.js';
import type { Transport } from './transport.js';

export interface TransportOptions {
  acceptNewHostKeys: boolean;
  knownHostsFile?: string;
}

export function createTransport(host: InventoryHost, options: TransportOptions): Transport {
  if (host.connection === 'local') return new LocalTransport(host.name);
  return new SshTransport({
    name: host.name,
    address: host.address,
    port: host.port,
    user: host.user,
    identityFile: host.identityFile,
    knownHostsFile: host.knownHostsFile ?? options.knownHostsFile ?? join(homedir(), '.ssh', 'known_hosts'),
    acceptNewHostKeys: options.acceptNewHostKeys,
  });
}
