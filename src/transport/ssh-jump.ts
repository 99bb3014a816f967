// ProxyJump: reach a target through one or more jump hosts. Each hop is its own ssh2 connection (host key verified
// against known_hosts like any target, authenticated like any target); the next hop, and finally the target, is
// reached over a direct-tcpip channel (forwardOut) of the previous one, handed to ssh2 as its socket.
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import ssh2, { type Client } from 'ssh2';
import { authError, createAuthHandler, type AskPassphrase, type AuthNotes } from './ssh-auth.js';
import type { SshEndpoint } from './ssh-config.js';
import { HostKeyCheck } from './ssh-host-key.js';
import { TransportError } from './transport.js';

export interface JumpChain {
  /** The channel to the target, to use as the target connection's socket. */
  sock: Duplex;
  /** Hop connections, first hop first; close them after the target's connection. */
  hops: Client[];
}

function describe(e: SshEndpoint): string {
  return `jump host ${e.label} (${e.user}@${e.address}:${e.port})`;
}

function connectHop(host: string, hop: SshEndpoint, sock: Duplex, ask: AskPassphrase | undefined, timeoutMs: number): Promise<Client> {
  const check = new HostKeyCheck({ host, address: hop.address, port: hop.port, knownHostsFile: hop.knownHostsFile, hostKeyAlias: hop.hostKeyAlias, acceptNewHostKeys: hop.acceptNewHostKeys });
  const notes: AuthNotes = { lockedKeys: [], wrongPassphrase: [] };
  const client = new ssh2.Client();
  return new Promise((resolve, reject) => {
    client.once('ready', () => {
      check.recordIfNew();
      client.removeAllListeners('error');
      client.on('error', () => undefined); // a hop that drops later shows as the target's connection closing
      resolve(client);
    });
    client.once('error', (err: Error) => {
      client.end();
      if (check.refused()) {
        const e = check.error();
        return reject(new TransportError('hostkey', host, `${describe(hop)}: ${e.message}`, e.hint));
      }
      if (/authentication/i.test(err.message)) return reject(authError(host, describe(hop), err.message, notes));
      reject(new TransportError('connect', host, `${describe(hop)}: ${err.message}`));
    });
    client.connect({
      sock: sock as Socket, username: hop.user,
      authHandler: createAuthHandler({ user: hop.user, identityFiles: hop.identityFiles, askPassphrase: ask }, notes),
      hostVerifier: (key: Buffer) => check.verify(key),
      algorithms: { serverHostKey: check.algorithms() },
      keepaliveInterval: 15000, readyTimeout: timeoutMs,
    });
  });
}

function forward(host: string, via: Client, viaHop: SshEndpoint, address: string, port: number): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    via.forwardOut('127.0.0.1', 0, address, port, (err, stream) => {
      if (err) reject(new TransportError('connect', host, `${describe(viaHop)} could not open a connection to ${address}:${port}: ${err.message}`));
      else resolve(stream);
    });
  });
}

/** Connect the hops in order over `firstSock` (a TCP socket to the first hop) and open a channel to the target. */
export async function openJumpChain(host: string, jumps: SshEndpoint[], firstSock: Socket, target: { address: string; port: number }, ask: AskPassphrase | undefined, timeoutMs: number): Promise<JumpChain> {
  const hops: Client[] = [];
  let sock: Duplex = firstSock;
  try {
    for (let i = 0; i < jumps.length; i++) {
      const hop = jumps[i]!;
      const client = await connectHop(host, hop, sock, ask, timeoutMs);
      hops.push(client);
      const next = jumps[i + 1] ?? target;
      sock = await forward(host, client, hop, next.address, next.port);
    }
  } catch (err) {
    closeJumpChain(hops);
    firstSock.destroy();
    throw err;
  }
  return { sock, hops };
}

export function closeJumpChain(hops: Client[]): void {
  for (const c of [...hops].reverse()) c.end();
}
