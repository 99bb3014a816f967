// Typed inventory after loading and validation. Variables are layered host > group > all (DESIGN: inventory/).
import type { ConfigIssue } from '../playbook/config-error.js';

export interface InventoryHost {
  name: string;
  /** Address to connect to (defaults to the name). */
  address: string;
  port: number;
  user: string;
  /** 'ssh' (default) or 'local' (run on the control node through execa). */
  connection: 'ssh' | 'local';
  /** Private key file; when absent the SSH agent (SSH_AUTH_SOCK) is used. */
  identityFile?: string;
  /** known_hosts file to verify host keys against (default ~/.ssh/known_hosts). */
  knownHostsFile?: string;
  /**
   * Which of port and user the inventory set itself: the others may come from ~/.ssh/config (the inventory wins
   * over the ssh config, which wins over defaults, as with OpenSSH and Ansible). Absent: a value other than the
   * default counts as set.
   */
  setByInventory?: { port: boolean; user: boolean };
  /** ansible_ssh_common_args (`-F file`, `-J hops`, `-o Key=Value` are used); else read from vars. */
  sshCommonArgs?: string;
  /** ssh config file named by the inventory (ssh_config_file); else read from vars. */
  sshConfigFile?: string;
  /** Password for sudo when become is used; a secret, masked everywhere. */
  becomePassword?: string;
  /** ansible_become: every task on this host runs through sudo unless the task says `become: false`. */
  become?: boolean;
  /** ansible_become_user: the user sudo runs commands as (root when absent). */
  becomeUser?: string;
  /** Groups the host belongs to, including 'all'. */
  groups: string[];
  /** Merged vars: all < parent groups < groups < host. */
  vars: Record<string, unknown>;
  /** inventory file:line where the host is declared, for errors. */
  location: string;
}

export interface Inventory {
  file: string;
  hosts: Map<string, InventoryHost>;
  /** Group name -> host names (every group, including 'all' and 'ungrouped'). */
  groups: Map<string, string[]>;
  /** Problems that do not stop a run (a key that looks like a connection setting but is not one), file:line. */
  warnings?: ConfigIssue[];
}
