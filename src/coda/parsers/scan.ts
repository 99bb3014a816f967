// sscanf-style number reading: how Coda's C code reads a field (%x, %u, %d), so that codaplay sees exactly the
// value Coda would see — e.g. "5abc" reads as 5 and "0x1f" as 31 — and can warn where that differs from intent.

export interface Scanned {
  value: number;
  /** The part of the field after the number (Coda ignores it; codaplay warns). */
  rest: string;
}

/** %x: optional sign, optional 0x, hex digits; null when no digit was read (sscanf stops there). */
export function scanHex(field: string): Scanned | null {
  const m = /^([+-]?)(0[xX](?=[0-9a-fA-F]))?([0-9a-fA-F]+)/.exec(field);
  if (!m) return null;
  const magnitude = Number.parseInt(m[3]!.slice(-8), 16);
  const value = m[1] === '-' ? (-magnitude >>> 0) : magnitude >>> 0;
  return { value, rest: field.slice(m[0].length) };
}

/** %u / %d: optional sign, decimal digits; %u wraps negatives like C does. */
export function scanDecimal(field: string, unsigned: boolean): Scanned | null {
  const m = /^([+-]?)([0-9]+)/.exec(field);
  if (!m) return null;
  const magnitude = Number(m[2]);
  let value = m[1] === '-' ? -magnitude : magnitude;
  if (unsigned && value < 0) value = (value >>> 0);
  return { value, rest: field.slice(m[0].length) };
}
