// OpenSSH's `Include` for the ssh config parser, which reads one text: each Include line is replaced by the text of
// the files it names, in order (wildcards in the file name part, sorted as glob(3) does; a relative path is under
// ~/.ssh, as for a user's config). Inside a Host block the included lines then apply under that block, as in
// OpenSSH; a Host line in an included file starts a new block, as it does there too.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';

const MAX_DEPTH = 16; // OpenSSH's READCONF_MAX_DEPTH

function globFiles(pattern: string): string[] {
  if (!/[*?]/.test(basename(pattern))) return existsSync(pattern) ? [pattern] : [];
  const dir = dirname(pattern);
  if (!existsSync(dir)) return [];
  const re = new RegExp(`^${basename(pattern).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return readdirSync(dir).filter((f) => re.test(f) && !f.startsWith('.')).sort().map((f) => join(dir, f));
}

function resolveIncludePath(p: string): string {
  const home = p === '~' || p.startsWith('~/') ? homedir() + p.slice(1) : p;
  return isAbsolute(home) ? home : join(homedir(), '.ssh', home);
}

/** The config text with every Include expanded (files that do not exist are skipped, as by OpenSSH). */
export function readConfigWithIncludes(file: string, depth = 0): string {
  if (depth > MAX_DEPTH) throw new Error(`ssh config ${file}: Include nested more than ${MAX_DEPTH} deep`);
  return readFileSync(file, 'utf8').split('\n').map((line) => {
    const m = /^\s*include(?:\s*=\s*|\s+)(.+?)\s*$/i.exec(line);
    if (!m) return line;
    const patterns = m[1]!.match(/"[^"]*"|\S+/g) ?? [];
    return patterns.flatMap((p) => globFiles(resolveIncludePath(p.replace(/^"|"$/g, ''))))
      .map((f) => readConfigWithIncludes(f, depth + 1)).join('\n');
  }).join('\n');
}
