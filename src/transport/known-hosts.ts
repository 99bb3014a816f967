// OpenSSH known_hosts: plain and hashed (|1|salt|hmac) host patterns, [host]:port for other ports, comma
// lists, @revoked lines, comments. Keys are compared as the raw key blob. Unknown and changed keys both fail
// closed; accepting new keys appends a line, and a changed key is never overwritten.
import { createHash, createHmac } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface KnownHostEntry {
  line: number;
  marker: '@revoked' | '@cert-authority' | null;
  patterns: string;
  keyType: string;
  keyBase64: string;
}

export function parseKnownHosts(text: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const fields = line.split(/\s+/);
    const marker = fields[0] === '@revoked' || fields[0] === '@cert-authority' ? (fields.shift() as KnownHostEntry['marker']) : null;
    const [patterns, keyType, keyBase64] = fields;
    if (patterns && keyType && keyBase64) entries.push({ line: i + 1, marker, patterns, keyType, keyBase64 });
  });
  return entries;
}

/** The name OpenSSH looks up: `host` on port 22, `[host]:port` otherwise. */
export function hostKeyName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function globMatch(pattern: string, name: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return re.test(name);
}

export function patternMatches(patterns: string, name: string): boolean {
  if (patterns.startsWith('|1|')) {
    const [, , salt, hash] = patterns.split('|');
    if (!salt || !hash) return false;
    return createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64') === hash;
  }
  let matched = false;
  for (const p of patterns.split(',')) {
    if (p.startsWith('!')) {
      if (globMatch(p.slice(1), name)) return false;
    } else if (globMatch(p, name)) matched = true;
  }
  return matched;
}

export function fingerprintOf(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

export type HostKeyVerdict =
  | { kind: 'known'; entry: KnownHostEntry }
  | { kind: 'unknown' }
  | { kind: 'changed'; entry: KnownHostEntry }
  | { kind: 'revoked'; entry: KnownHostEntry };

export function checkHostKey(text: string, name: string, keyType: string, keyBlob: Buffer): HostKeyVerdict {
  const offered = keyBlob.toString('base64');
  const entries = parseKnownHosts(text).filter((e) => e.marker !== '@cert-authority' && patternMatches(e.patterns, name));
  const revoked = entries.find((e) => e.marker === '@revoked' && e.keyBase64 === offered);
  if (revoked) return { kind: 'revoked', entry: revoked };
  const plain = entries.filter((e) => e.marker === null);
  const same = plain.find((e) => e.keyBase64 === offered);
  if (same) return { kind: 'known', entry: same };
  const sameType = plain.find((e) => e.keyType === keyType);
  if (sameType) return { kind: 'changed', entry: sameType };
  return plain.length ? { kind: 'changed', entry: plain[0]! } : { kind: 'unknown' };
}

export function readKnownHosts(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

export function appendKnownHost(file: string, name: string, keyType: string, keyBlob: Buffer): void {
  mkdirSync(dirname(file), { recursive: true });
  const text = readKnownHosts(file);
  const sep = text === '' || text.endsWith('\n') ? '' : '\n';
  appendFileSync(file, `${sep}${name} ${keyType} ${keyBlob.toString('base64')}\n`, { mode: 0o600 });
}

/** The key type name inside an SSH public key blob (string length + name). */
export function keyTypeOf(keyBlob: Buffer): string {
  const len = keyBlob.readUInt32BE(0);
  return keyBlob.subarray(4, 4 + len).toString('ascii');
}

const HOST_KEY_ALGORITHMS = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];

/**
 * Host key algorithms to offer, those of keys already known for `name` first (as OpenSSH does): a server with
 * several host keys then proves the one we know instead of one we would have to call changed.
 */
export function hostKeyAlgorithmsFor(text: string, name: string): string[] {
  const known = new Set<string>();
  for (const e of parseKnownHosts(text)) {
    if (e.marker !== null || !patternMatches(e.patterns, name)) continue;
    for (const a of e.keyType === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [e.keyType]) known.add(a);
  }
  const first = HOST_KEY_ALGORITHMS.filter((a) => known.has(a));
  return [...first, ...HOST_KEY_ALGORITHMS.filter((a) => !known.has(a))];
}
