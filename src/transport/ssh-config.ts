// The user's OpenSSH client config (~/.ssh/config, `-F FILE`, or the inventory's ssh_config_file /
// ansible_ssh_common_args) applied to an inventory host, with OpenSSH's and Ansible's precedence: what the inventory
// sets wins, then the ssh config (first value wins, as in OpenSSH), then defaults. Parsing and Host pattern matching
// are the `ssh-config` package's; this module only decides which value applies and checks it.
import { existsSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import SSHConfig from 'ssh-config';
import type { InventoryHost } from '../inventory/types.js';
import { parseCommonArgs } from './ssh-common-args.js';
import { readConfigWithIncludes } from './ssh-config-include.js';

/** One hop (or the target) as the transport connects to it. */
export interface SshEndpoint {
  /** What the user wrote (alias or address), for messages. */
  label: string;
  address: string;
  port: number;
  user: string;
  /** Tried in order after the agent's keys; `~` already expanded. */
  identityFiles: string[];
  knownHostsFile: string;
  /** The known_hosts name when it is not `[address]:port` (HostKeyAlias). */
  hostKeyAlias?: string;
  acceptNewHostKeys: boolean;
}

export interface SshSettings extends SshEndpoint {
  /** ProxyJump hops, first one first; the target is reached through the last. */
  jumps: SshEndpoint[];
  /** Set when the settings must not be used (StrictHostKeyChecking no, a ProxyCommand): connect fails with this. */
  refusal?: string;
  /** The ssh config file that was read, if any. */
  configFile?: string;
}

export interface ResolveOptions {
  /** `-F FILE` from the command line ('none': read no config). Default ~/.ssh/config. */
  sshConfigFile?: string;
  acceptNewHostKeys: boolean;
  /** Fallback known_hosts file (default ~/.ssh/known_hosts). */
  knownHostsFile?: string;
  /** Parsed configs by path, so one run reads each file once. */
  cache?: Map<string, SSHConfig | null>;
}

type Computed = Record<string, string | string[]>;

const DEFAULT_KEYS = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

export function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') ? homedir() + p.slice(1) : p;
}

function loadConfig(file: string, cache?: Map<string, SSHConfig | null>): SSHConfig | null {
  const hit = cache?.get(file);
  if (hit !== undefined) return hit;
  const parsed = file === 'none' || !existsSync(file) ? null : SSHConfig.parse(readConfigWithIncludes(file));
  cache?.set(file, parsed);
  return parsed;
}

/** What the ssh config says for `host`; keys lower-cased. Match exec is never run (no process per lookup). */
export function computeFor(config: SSHConfig | null, host: string): Computed {
  return config ? config.compute(host, { ignoreCase: true, matchExec: false }) : {};
}

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/** `[user@]host[:port]` or `ssh://[user@]host[:port]`, comma-separated. */
export function parseJumpList(text: string): { user?: string; host: string; port?: number }[] {
  if (text.trim().toLowerCase() === 'none') return [];
  return text.split(',').map((raw) => {
    const hop = raw.trim().replace(/^ssh:\/\//, '');
    const m = /^(?:([^@]+)@)?(\[[^\]]+\]|[^:@]+)(?::(\d+))?$/.exec(hop);
    if (!m) throw new Error(`ProxyJump hop '${raw.trim()}': expected [user@]host[:port]`);
    return { user: m[1], host: m[2]!.replace(/^\[|\]$/g, ''), port: m[3] ? Number(m[3]) : undefined };
  });
}

/** StrictHostKeyChecking: yes/ask keep the CLI's choice, accept-new records unknown keys, no/off is refused. */
function hostKeyPolicy(value: string | undefined, cliAccept: boolean, where: string): { accept: boolean; refusal?: string } {
  const v = value?.toLowerCase();
  if (v === 'no' || v === 'off' || v === 'false') {
    return { accept: false, refusal: `StrictHostKeyChecking ${value} (${where}) is refused: codaplay never disables host-key checks; use accept-new to record unknown keys (a changed key is still refused)` };
  }
  return { accept: cliAccept || v === 'accept-new' };
}

interface Explicit { address?: string; port?: number; user?: string; identityFiles?: string[]; knownHostsFile?: string }

function endpointFrom(label: string, c: Computed, explicit: Explicit, opts: ResolveOptions, where: string): SshEndpoint & { refusal?: string } {
  const port = explicit.port ?? (first(c.port) ? Number(first(c.port)) : 22);
  const configured = (Array.isArray(c.identityfile) ? c.identityfile : []).map(expandHome);
  const defaults = DEFAULT_KEYS.map((k) => `${homedir()}/.ssh/${k}`).filter((p) => existsSync(p));
  const knownHosts = explicit.knownHostsFile ?? first(c.userknownhostsfile)?.split(/\s+/)[0] ?? opts.knownHostsFile ?? `${homedir()}/.ssh/known_hosts`;
  const policy = hostKeyPolicy(first(c.stricthostkeychecking), opts.acceptNewHostKeys, where);
  return {
    label,
    address: explicit.address ?? first(c.hostname)?.replace(/%h/g, label) ?? label,
    port: Number.isInteger(port) && port > 0 && port < 65536 ? port : 22,
    user: explicit.user ?? first(c.user) ?? userInfo().username,
    identityFiles: explicit.identityFiles ?? (configured.length ? configured : defaults),
    knownHostsFile: expandHome(knownHosts),
    hostKeyAlias: first(c.hostkeyalias),
    acceptNewHostKeys: policy.accept,
    refusal: policy.refusal ?? (first(c.proxycommand) && first(c.proxycommand)?.toLowerCase() !== 'none'
      ? `ProxyCommand (${where}) is not supported: write the bastion as ProxyJump instead` : undefined),
  };
}

/** Which inventory connection settings were set in the inventory rather than defaulted. */
function explicitOf(host: InventoryHost): Explicit {
  const set = host.setByInventory ?? { port: host.port !== 22, user: host.user !== userInfo().username };
  return {
    port: set.port ? host.port : undefined,
    user: set.user ? host.user : undefined,
    identityFiles: host.identityFile ? [host.identityFile] : undefined,
    knownHostsFile: host.knownHostsFile,
  };
}

/** The settings to reach `host`: inventory, then ssh config (inventory file > -F > ~/.ssh/config), then defaults. */
export function resolveSshSettings(host: InventoryHost, opts: ResolveOptions): SshSettings {
  const common = parseCommonArgs(host.vars, host);
  const file = common.configFile ?? opts.sshConfigFile ?? `${homedir()}/.ssh/config`;
  const configFile = file === 'none' ? undefined : expandHome(file);
  const config = configFile ? loadConfig(configFile, opts.cache) : null;
  const where = configFile ? `ssh config ${configFile}` : 'inventory';
  // The inventory's -o options come before the config file's values, as `ssh -o` does.
  const target = { ...computeFor(config, host.address), ...common.options };
  const explicit = explicitOf(host);
  const main = endpointFrom(host.address, target, explicit, opts, common.options.stricthostkeychecking ? 'inventory ansible_ssh_common_args' : where);
  let jumps: SshEndpoint[] = [];
  let refusal = main.refusal;
  const jumpText = common.jump ?? first(target.proxyjump);
  if (jumpText) {
    try {
      jumps = parseJumpList(jumpText).map((hop) => {
        const hopConfig = computeFor(config, hop.host);
        // The inventory's known_hosts file covers its jump hosts too, unless the config names one for the hop.
        const knownHostsFile = first(hopConfig.userknownhostsfile) ? undefined : explicit.knownHostsFile;
        const e = endpointFrom(hop.host, hopConfig, { port: hop.port, user: hop.user, knownHostsFile }, opts, `${where}, jump host ${hop.host}`);
        refusal ??= e.refusal;
        return e;
      });
    } catch (err) {
      refusal ??= `${(err as Error).message} (${where})`;
    }
  }
  delete main.refusal;
  return { ...main, label: host.name, jumps, refusal, configFile: config ? configFile : undefined };
}
