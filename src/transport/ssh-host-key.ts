// Host-key verification for one SSH endpoint (a target or a jump host): checked against its known_hosts file, fail
// closed; an unknown key is accepted (and recorded once the connection is up) only when the endpoint allows it.
import type { ServerHostKeyAlgorithm } from 'ssh2';
import { appendKnownHost, checkHostKey, fingerprintOf, hostKeyAlgorithmsFor, hostKeyName, keyTypeOf, readKnownHosts, type HostKeyVerdict } from './known-hosts.js';
import { TransportError } from './transport.js';

export interface HostKeyTarget {
  /** Inventory name (or jump label) for errors. */
  host: string;
  address: string;
  port: number;
  knownHostsFile: string;
  hostKeyAlias?: string;
  acceptNewHostKeys: boolean;
}

export class HostKeyCheck {
  fingerprint?: string;
  private verdict: HostKeyVerdict | null = null;
  private offered: Buffer | null = null;

  constructor(private readonly t: HostKeyTarget) {}

  /** The name OpenSSH would look up: HostKeyAlias, else `[address]:port`. */
  get name(): string {
    return this.t.hostKeyAlias ?? hostKeyName(this.t.address, this.t.port);
  }

  algorithms(): ServerHostKeyAlgorithm[] {
    return hostKeyAlgorithmsFor(readKnownHosts(this.t.knownHostsFile), this.name) as ServerHostKeyAlgorithm[];
  }

  /** ssh2's hostVerifier. */
  verify(key: Buffer): boolean {
    this.offered = key;
    this.fingerprint = fingerprintOf(key);
    this.verdict = checkHostKey(readKnownHosts(this.t.knownHostsFile), this.name, keyTypeOf(key), key);
    return this.accepted();
  }

  private accepted(): boolean {
    return this.verdict?.kind === 'known' || (this.verdict?.kind === 'unknown' && this.t.acceptNewHostKeys);
  }

  /** True when the handshake got as far as a key we refused: the error to report is ours, not ssh2's. */
  refused(): boolean {
    return this.verdict !== null && !this.accepted();
  }

  /** After a successful handshake: record a new key the endpoint was allowed to accept. */
  recordIfNew(): void {
    if (this.verdict?.kind === 'unknown' && this.t.acceptNewHostKeys && this.offered) {
      appendKnownHost(this.t.knownHostsFile, this.name, keyTypeOf(this.offered), this.offered);
    }
  }

  error(): TransportError {
    const t = this.t;
    const v = this.verdict;
    if (v?.kind === 'changed') {
      return new TransportError('hostkey', t.host, `HOST KEY CHANGED for ${this.name}: it now offers ${this.fingerprint}, which differs from ${t.knownHostsFile}:${v.entry.line}`,
        'this may be an attack; if the host was really reinstalled, remove the old line (ssh-keygen -R) and verify the new fingerprint out of band. --accept-new-host-keys never replaces a changed key');
    }
    if (v?.kind === 'revoked') return new TransportError('hostkey', t.host, `${this.name} offers a revoked host key (${t.knownHostsFile}:${v.entry.line})`);
    return new TransportError('hostkey', t.host, `unknown host key for ${this.name} (${this.fingerprint}); not in ${t.knownHostsFile}`,
      `verify the fingerprint, then add it (ssh-keyscan -p ${t.port} ${t.address} >> ${t.knownHostsFile}) or rerun with --accept-new-host-keys`);
  }
}
