// Secrets never reach a terminal, a JSON report or a diff (DESIGN rule 6): every text a reporter shows passes here.

export const MASK = '********';

/** Replace every occurrence of each secret (longest first, so a secret containing another is masked whole). */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  const usable = [...new Set(secrets.filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
  let out = text;
  for (const s of usable) out = out.split(s).join(MASK);
  return out;
}

/** Deep copy of a JSON-like value with every string masked. */
export function maskDeep<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  if (typeof value === 'string') return maskSecrets(value, secrets) as T;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, secrets)) as T;
  if (value && typeof value === 'object' && (value.constructor === Object || value.constructor === undefined)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v, secrets)])) as T;
  }
  return value;
}
