// The SSH agent's keys in two parts: those whose public key matches an identity file the config names (offered
// first: an encrypted key the agent holds then needs no passphrase) and the rest (offered after the files). An agent
// full of unrelated keys would otherwise use up sshd's MaxAuthTries (6) before the right key is offered.
import { existsSync, readFileSync } from 'node:fs';
import ssh2, { type BaseAgent, type ParsedKey, type SignCallback, type SigningRequestOptions } from 'ssh2';

/** The public key blob of `<file>.pub`, as OpenSSH reads it beside a private key; null when there is none. */
export function publicBlobOf(file: string): Buffer | null {
  const pub = `${file}.pub`;
  if (!existsSync(pub)) return null;
  const b64 = readFileSync(pub, 'utf8').trim().split(/\s+/)[1];
  return b64 ? Buffer.from(b64, 'base64') : null;
}

class FilteredAgent extends ssh2.BaseAgent<ParsedKey> {
  constructor(private readonly real: BaseAgent<ParsedKey>, private readonly keep: (blob: Buffer) => boolean) {
    super();
  }

  getIdentities(cb: (err: Error | undefined, keys?: ParsedKey[]) => void): void {
    // OpenSSH's agent answers with parsed public keys (ssh2's typings also allow other shapes, never seen here).
    this.real.getIdentities((err, keys) => cb(err ?? undefined, (keys as ParsedKey[] | undefined)?.filter((k) => typeof k.getPublicSSH === 'function' && this.keep(k.getPublicSSH()))));
  }

  sign(pubKey: ParsedKey, data: Buffer, options: SigningRequestOptions | SignCallback, cb?: SignCallback): void {
    if (typeof options === 'function') this.real.sign(pubKey, data, options);
    else this.real.sign(pubKey, data, options, cb);
  }
}

/** The agent at `socket` split by whether a key is one of `blobs`. */
export function splitAgent(socket: string, blobs: Buffer[]): { matching: BaseAgent; others: BaseAgent } {
  const real = ssh2.createAgent(socket) as BaseAgent<ParsedKey>;
  const named = (blob: Buffer) => blobs.some((b) => b.equals(blob));
  return { matching: new FilteredAgent(real, named), others: new FilteredAgent(real, (b) => !named(b)) };
}
