// `-F FILE` (as ssh's): the ssh client config to read host aliases, users, keys and jump hosts from, for run, ping
// and validate; and validate's check of what that config says for every host (no connection made).
import type { Argv } from 'yargs';
import { loadInventory } from '../inventory/load-inventory.js';
import { resolveSshSettings } from '../transport/ssh-config.js';

export function sshConfigOption<T>(y: Argv<T>) {
  return y.option('ssh-config', { alias: 'F', type: 'string', describe: 'ssh client config file for host aliases, User, Port, IdentityFile, ProxyJump ("none": read none); an inventory ssh_config_file or ansible_ssh_common_args -F wins', defaultDescription: '~/.ssh/config' });
}

/** What the ssh config would refuse for each host (StrictHostKeyChecking no, ProxyCommand, a bad ProxyJump). */
export function sshConfigIssues(inventoryPath: string, sshConfigFile: string | undefined): string[] {
  const inventory = loadInventory(inventoryPath);
  const cache = new Map();
  return [...inventory.hosts.values()].filter((h) => h.connection !== 'local').flatMap((h) => {
    const s = resolveSshSettings(h, { acceptNewHostKeys: false, sshConfigFile, cache });
    return s.refusal ? [`${h.location}: host ${h.name}: ${s.refusal}`] : [];
  });
}
