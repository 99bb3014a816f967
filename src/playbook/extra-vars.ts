// -e / --extra-vars: `key=value` (several per item, space separated), a JSON or YAML mapping, or @file.yaml.
// Extra vars have the highest precedence, as in Ansible.
import { resolve } from 'node:path';
import yaml from 'js-yaml';
import { ConfigError } from './config-error.js';
import { loadYaml } from './yaml-source.js';

const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** `true`/`false`/numbers become booleans/numbers, as YAML would read them. */
function scalar(text: string): unknown {
  try {
    const v = yaml.load(text);
    return v === null || v === undefined || typeof v === 'object' ? text : v;
  } catch {
    return text;
  }
}

export function parseExtraVars(items: string[], cwd = process.cwd()): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const item of items) {
    if (item.startsWith('@')) {
      const file = resolve(cwd, item.slice(1));
      const src = loadYaml(file);
      if (!isMap(src.doc)) throw new ConfigError([{ file, line: 1, message: 'extra vars file must be a mapping of names to values' }]);
      Object.assign(out, src.doc);
    } else if (/^\s*[{]/.test(item)) {
      const doc = loadYaml('-e', item).doc;
      if (!isMap(doc)) throw new ConfigError([{ file: '-e', line: 1, message: `expected a mapping: ${item}` }]);
      Object.assign(out, doc);
    } else {
      for (const pair of item.split(/\s+(?=[A-Za-z_][\w]*=)/)) {
        const eq = pair.indexOf('=');
        if (eq <= 0) throw new ConfigError([{ file: '-e', line: 1, message: `expected key=value, JSON or @file: ${pair}` }]);
        out[pair.slice(0, eq).trim()] = scalar(pair.slice(eq + 1));
      }
    }
  }
  return out;
}
