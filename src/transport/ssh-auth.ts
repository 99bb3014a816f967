// Public-key authentication as OpenSSH does it, with the agent (SSH_AUTH_SOCK) and each identity file in order
// (ssh-agent-keys.ts says in which order). An encrypted key needs its passphrase: asked on the terminal when there
// is one; otherwise the key is skipped and, if nothing else worked, the error names the key file and what to do.
// Passphrases are never logged.
import { readFileSync } from 'node:fs';
// ssh2 is CommonJS: Node's ESM loader sees only its default export.
import ssh2, { type AuthHandlerMiddleware, type AuthenticationType, type AnyAuthMethod } from 'ssh2';
import { publicBlobOf, splitAgent } from './ssh-agent-keys.js';
import { askPassphraseOnTty } from './ssh-passphrase.js';
import { TransportError } from './transport.js';

export type AskPassphrase = (keyFile: string) => Promise<string | null>;

export interface AuthPlan {
  user: string;
  identityFiles: string[];
  /** Agent socket path (default: SSH_AUTH_SOCK). */
  agent?: string;
  askPassphrase?: AskPassphrase;
}

/** What stopped an identity file from being offered; turned into the error when every method failed. */
export interface AuthNotes { lockedKeys: string[]; wrongPassphrase: string[] }

function isEncryptedError(e: Error): boolean {
  return /encrypted|passphrase/i.test(e.message);
}

async function loadKey(file: string, ask: AskPassphrase, notes: AuthNotes): Promise<ReturnType<typeof ssh2.utils.parseKey> | null> {
  let data: Buffer;
  try { data = readFileSync(file); } catch { return null; }
  const plain = ssh2.utils.parseKey(data);
  if (!(plain instanceof Error)) return plain;
  if (!isEncryptedError(plain)) return null;
  const passphrase = await ask(file);
  if (passphrase === null) { notes.lockedKeys.push(file); return null; }
  const unlocked = ssh2.utils.parseKey(data, passphrase);
  if (unlocked instanceof Error) { notes.wrongPassphrase.push(file); return null; }
  return unlocked;
}

/** ssh2's authHandler for the plan; `notes` collects why identity files were not offered. */
export function createAuthHandler(plan: AuthPlan, notes: AuthNotes): AuthHandlerMiddleware {
  const socket = plan.agent ?? process.env.SSH_AUTH_SOCK;
  const steps: (() => Promise<AnyAuthMethod | null>)[] = [];
  // The agent's copies of the named keys first, then the files, then the agent's other keys.
  const agent = socket ? splitAgent(socket, plan.identityFiles.map(publicBlobOf).filter((b): b is Buffer => b !== null)) : null;
  if (agent) steps.push(async () => ({ type: 'agent', username: plan.user, agent: agent.matching }));
  for (const file of plan.identityFiles) {
    steps.push(async () => {
      const key = await loadKey(file, plan.askPassphrase ?? askPassphraseOnTty, notes);
      return key ? { type: 'publickey', username: plan.user, key: Array.isArray(key) ? key[0]! : key } : null;
    });
  }
  if (agent) steps.push(async () => ({ type: 'agent', username: plan.user, agent: agent.others }));
  let i = 0;
  return (authsLeft: AuthenticationType[], _partial: boolean, next) => {
    void (async () => {
      while (i < steps.length) {
        const method = await steps[i++]!().catch(() => null);
        if (method && (!authsLeft?.length || authsLeft.includes(method.type === 'agent' ? 'publickey' : method.type))) return next(method);
      }
      next(false as unknown as AnyAuthMethod);
    })();
  };
}

/** The error for a failed authentication, naming encrypted keys that could not be used. */
export function authError(host: string, where: string, message: string, notes: AuthNotes): TransportError {
  if (notes.wrongPassphrase.length) {
    return new TransportError('auth', host, `authentication failed for ${where}: wrong passphrase for ${notes.wrongPassphrase.join(', ')}`);
  }
  if (notes.lockedKeys.length) {
    const file = notes.lockedKeys[0]!;
    return new TransportError('auth', host, `authentication failed for ${where}: the private key ${notes.lockedKeys.join(', ')} is encrypted and no passphrase is available (no SSH agent holds it, and there is no terminal to ask on)`,
      `add the key to an agent first (eval "$(ssh-agent)"; ssh-add ${file}) and run with SSH_AUTH_SOCK set, or run codaplay from a terminal to be asked for the passphrase`);
  }
  return new TransportError('auth', host, `authentication failed for ${where}: ${message}`, 'check user and identity_file in the inventory or ~/.ssh/config (or the SSH agent)');
}
