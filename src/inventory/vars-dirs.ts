// group_vars/ and host_vars/ beside the inventory and beside the playbook, as Ansible reads them: for a group
// or host N, the file N, N.yml, N.yaml or N.json, and/or the directory N/ whose files load in name order.
// A file for a group or host the inventory does not have is a warning (a typo there would be silent otherwise).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfigIssue } from '../playbook/config-error.js';
import { loadYaml } from '../playbook/yaml-source.js';
import { ConfigError } from '../playbook/config-error.js';
import type { VarLayer } from './raw-inventory.js';
import { suggestKey } from './suggest-key.js';

export interface VarsDirLayers {
  group: Map<string, VarLayer[]>;
  host: Map<string, VarLayer[]>;
}

const EXTENSIONS = ['.yml', '.yaml', '.json'];
const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** `name` for `name`, `name.yml`, `name.yaml`, `name.json`; null for other files (README.md, backups). */
function entryName(file: string): string | null {
  if (file.startsWith('.') || file.endsWith('~')) return null;
  const ext = EXTENSIONS.find((e) => file.endsWith(e));
  if (ext) return file.slice(0, -ext.length);
  return file.includes('.') ? null : file;
}

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).sort()
    .filter((f) => !f.startsWith('.') && !f.endsWith('~') && (statSync(join(path, f)).isDirectory() || EXTENSIONS.some((e) => f.endsWith(e)) || !f.includes('.')))
    .flatMap((f) => filesUnder(join(path, f)));
}

function readVarsFile(file: string, baseDir: string, issues: ConfigIssue[]): VarLayer | null {
  if (readFileSync(file, 'utf8').startsWith('$ANSIBLE_VAULT')) {
    issues.push({ file, line: 1, message: 'this file is encrypted with ansible-vault, which codaplay cannot read: decrypt it (ansible-vault decrypt) or pass its secrets with -e @file' });
    return null;
  }
  try {
    const src = loadYaml(file);
    if (src.doc === null || src.doc === undefined) return null;
    if (!isMap(src.doc)) {
      issues.push({ file, line: 1, message: 'expected a mapping of variables (key: value)' });
      return null;
    }
    const doc = src.doc;
    return { vars: doc, file, baseDir, lineOf: (key) => src.keyLine(doc, key) };
  } catch (err) {
    if (err instanceof ConfigError) issues.push(...err.issues);
    else throw err;
    return null;
  }
}

/** The layers of `dir`/group_vars and `dir`/host_vars for the inventory's groups and hosts. */
export function readVarsDir(dir: string, groups: string[], hosts: string[], issues: ConfigIssue[], warnings: ConfigIssue[]): VarsDirLayers {
  const out: VarsDirLayers = { group: new Map(), host: new Map() };
  for (const [sub, known, into] of [['group_vars', groups, out.group], ['host_vars', hosts, out.host]] as const) {
    const root = join(dir, sub);
    if (!existsSync(root) || !statSync(root).isDirectory()) continue;
    for (const entry of readdirSync(root).sort()) {
      const name = entryName(entry);
      if (name === null) continue;
      const path = join(root, entry);
      if (!known.includes(name)) {
        const hint = suggestKey(name, known);
        warnings.push({ file: path, line: 1, message: `${sub}/${entry}: no ${sub === 'group_vars' ? 'group' : 'host'} '${name}' in the inventory, so these vars are not used${hint ? ` — did you mean '${hint}'?` : ''}` });
        continue;
      }
      for (const file of filesUnder(path)) {
        const layer = readVarsFile(file, dir, issues);
        if (layer) into.set(name, [...(into.get(name) ?? []), layer]);
      }
    }
  }
  return out;
}
