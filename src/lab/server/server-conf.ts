// server.conf as Coda's codaconf reads it (REFERENCE §6): key=value, # comments, optional quotes, last
// definition wins, and "no blanks allowed after the '='" as an error with the line number.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CodaConf {
  values: Map<string, string>;
  error?: string;
}

export function parseCodaConf(text: string): CodaConf {
  const values = new Map<string, string>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/^\s+/, '');
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq < 0) return { values, error: `Configuration error in line ${i + 1}, missing '='.` };
    if (/^\s/.test(line.slice(eq + 1)) && line.slice(eq + 1).trim()) return { values, error: `Configuration error in line ${i + 1}, no blanks allowed after the '='.` };
    values.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim().replace(/^(["'])(.*)\1$/, '$2'));
  }
  return { values };
}

export function readServerConf(confDir: string): CodaConf {
  try {
    return parseCodaConf(readFileSync(join(confDir, 'server.conf'), 'utf8'));
  } catch {
    return { values: new Map() };
  }
}
