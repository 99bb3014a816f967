// Reads the Coda text fixtures (test/fixtures/coda), byte for byte.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../../fixtures/coda/', import.meta.url));

export function fixture(name: string): string {
  return readFileSync(DIR + name, 'utf8');
}

export function fixtureNames(prefix: string): string[] {
  return readdirSync(DIR).filter((f) => f.startsWith(prefix)).sort();
}
