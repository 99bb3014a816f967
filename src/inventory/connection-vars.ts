// The inventory variables that say how to reach a host, at any level (all, a group, a host, group_vars/ and
// host_vars/ files): codaplay's short names and Ansible's `ansible_*` names, each mapped to one InventoryHost
// field and checked for type. A key that only looks like one (a typo, an Ansible variable we do not support) is
// a warning with file:line, so a setting is never ignored in silence.
import { suggestKey } from './suggest-key.js';

export type ConnectionField =
  | 'address' | 'port' | 'user' | 'identityFile' | 'knownHostsFile' | 'connection'
  | 'becomePassword' | 'become' | 'becomeUser' | 'becomeMethod' | 'sshCommonArgs';

/** Every accepted key -> the field it sets. Ansible's older spellings (ansible_ssh_host …) are accepted too. */
export const CONNECTION_KEYS: Readonly<Record<string, ConnectionField>> = {
  address: 'address', ansible_host: 'address', ansible_ssh_host: 'address',
  port: 'port', ansible_port: 'port', ansible_ssh_port: 'port',
  user: 'user', ansible_user: 'user', ansible_ssh_user: 'user',
  identity_file: 'identityFile', ansible_ssh_private_key_file: 'identityFile', ansible_private_key_file: 'identityFile',
  known_hosts_file: 'knownHostsFile',
  connection: 'connection', ansible_connection: 'connection',
  become_password: 'becomePassword', ansible_become_password: 'becomePassword', ansible_become_pass: 'becomePassword', ansible_sudo_pass: 'becomePassword',
  ansible_become: 'become', ansible_become_user: 'becomeUser', ansible_become_method: 'becomeMethod',
  ansible_ssh_common_args: 'sshCommonArgs',
};

/** Ansible connection variables codaplay does not act on: a warning says so and why. */
const UNSUPPORTED: Readonly<Record<string, string>> = {
  ansible_password: 'password login is not supported: use a key (ansible_ssh_private_key_file) or the SSH agent',
  ansible_ssh_pass: 'password login is not supported: use a key (ansible_ssh_private_key_file) or the SSH agent',
  ansible_ssh_password: 'password login is not supported: use a key (ansible_ssh_private_key_file) or the SSH agent',
  ansible_ssh_extra_args: 'not supported: put the options in ansible_ssh_common_args',
  ansible_host_key_checking: 'host keys are always verified (use --accept-new-host-keys for new ones)',
  ansible_ssh_host_key_checking: 'host keys are always verified (use --accept-new-host-keys for new ones)',
};

/** Ansible variables that make sense for Ansible only (no Python, no pipelining here): accepted in silence. */
const HARMLESS = new Set(['ansible_python_interpreter', 'ansible_shell_type', 'ansible_shell_executable', 'ansible_pipelining', 'ansible_ssh_pipelining', 'ansible_ssh_executable', 'ansible_timeout', 'ansible_ssh_timeout', 'ansible_ssh_retries']);

const KNOWN = Object.keys(CONNECTION_KEYS);
const squash = (k: string): string => k.toLowerCase().replace(/[-_]/g, '');

/** The warning for a key that looks like a connection setting but is not one; null for ordinary variables. */
export function lookalikeWarning(key: string): string | null {
  if (key in CONNECTION_KEYS || HARMLESS.has(key)) return null;
  if (key in UNSUPPORTED) return `'${key}' is ignored: ${UNSUPPORTED[key]}`;
  const sameLetters = KNOWN.find((k) => squash(k) === squash(key));
  // A plural (users, ports) is a list variable, not a misspelt setting.
  const near = sameLetters ?? (KNOWN.includes(key.replace(/s$/, '')) ? null : suggestKey(key, KNOWN));
  if (key.toLowerCase().startsWith('ansible_')) {
    // Longest known name the key starts with (ansible_ssh_user_name -> ansible_ssh_user), else the nearest one.
    const prefix = KNOWN.filter((k) => k.startsWith('ansible_') && key.startsWith(k)).sort((a, b) => b.length - a.length)[0];
    const hint = near ?? prefix;
    return `'${key}' is not a connection variable codaplay knows: it is kept as a plain variable${hint ? ` — did you mean '${hint}'?` : ''}`;
  }
  return near ? `'${key}' looks like a connection setting but is not one — did you mean '${near}'?` : null;
}

const TRUE = new Set(['true', 'yes', 'on', '1', 'y']);
const FALSE = new Set(['false', 'no', 'off', '0', 'n']);

/** Check and normalise one value (INI gives strings: "2222", "yes"); returns the value or an error message. */
export function parseConnectionValue(field: ConnectionField, value: unknown): { value: unknown } | { error: string } {
  // A number is a fair user name or password (INI reads 1234 as a number), never an address or a path.
  const text = typeof value === 'string' ? value : typeof value === 'number' && (field === 'user' || field === 'becomePassword') ? String(value) : undefined;
  switch (field) {
    case 'port': {
      const n = typeof value === 'number' ? value : text !== undefined && /^\d+$/.test(text.trim()) ? Number(text) : NaN;
      return Number.isInteger(n) && n >= 1 && n <= 65535 ? { value: n } : { error: `expected a port number 1-65535, got ${JSON.stringify(value)}` };
    }
    case 'become': {
      if (typeof value === 'boolean') return { value };
      const t = text?.trim().toLowerCase() ?? '';
      return TRUE.has(t) ? { value: true } : FALSE.has(t) ? { value: false } : { error: `expected true or false, got ${JSON.stringify(value)}` };
    }
    case 'connection': {
      const t = text?.trim();
      if (t === 'ssh' || t === 'smart' || t === 'paramiko') return { value: 'ssh' };
      if (t === 'local') return { value: 'local' };
      return { error: `expected ssh or local, got ${JSON.stringify(value)} (other Ansible connection plugins are not supported)` };
    }
    case 'becomeMethod':
      return text === 'sudo' ? { value: text } : { error: `only sudo is supported, got ${JSON.stringify(value)}` };
    case 'becomePassword':
      return text !== undefined ? { value: text } : { error: `expected string, got ${JSON.stringify(value)}` };
    default:
      return text !== undefined && text.trim() !== '' ? { value: text } : { error: `expected string (not empty), got ${JSON.stringify(value)}` };
  }
}
