// Opening one ssh2 connection, as a promise (ssh-transport.ts takes it from there).
import ssh2, { type Client, type ConnectConfig } from 'ssh2';

/**
 * ssh2's connect as a promise: the client once it is ready; the first error (a handshake timeout included) or a
 * close before that rejects, and the half-open client is ended.
 */
export function connectClient(config: ConnectConfig): Promise<Client> {
  const client = new ssh2.Client();
  return new Promise((resolve, reject) => {
    const fail = (err: Error): void => {
      client.removeAllListeners();
      client.on('error', () => undefined);
      client.end();
      reject(err);
    };
    const closed = (): void => fail(new Error('the connection closed during the handshake'));
    client.once('ready', () => {
      client.removeListener('error', fail);
      client.removeListener('close', closed);
      resolve(client);
    });
    client.once('error', fail);
    client.once('close', closed);
    client.connect(config);
  });
}
