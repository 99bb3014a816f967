// The ssh command-line options an Ansible inventory carries in `ansible_ssh_common_args` (and our
// `ssh_config_file`): `-F file`, `-J hops`, `-o Key=Value`. Other flags are ignored with no effect on the
// connection; ProxyCommand given this way is refused later like one from the config file.

export interface CommonArgs {
  configFile?: string;
  jump?: string;
  /** `-o` options, keys lower-cased as ssh-config's compute gives them. */
  options: Record<string, string>;
}

/** Split a command line the way a POSIX shell would for words: blanks separate, quotes group. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && i + 1 < text.length) cur += text[++i];
      else cur += ch;
    } else if (ch === '"' || ch === "'") { quote = ch; inWord = true; }
    else if (ch === '\\' && i + 1 < text.length) { cur += text[++i]; inWord = true; }
    else if (/\s/.test(ch)) { if (inWord) words.push(cur); cur = ''; inWord = false; }
    else { cur += ch; inWord = true; }
  }
  if (inWord) words.push(cur);
  return words;
}

/** From the host's typed fields when the inventory filled them, else from its vars (where any level may set them). */
export function parseCommonArgs(vars: Record<string, unknown>, fields: { sshCommonArgs?: string; sshConfigFile?: string } = {}): CommonArgs {
  const out: CommonArgs = { options: {} };
  const configFile = fields.sshConfigFile ?? vars.ssh_config_file;
  if (typeof configFile === 'string') out.configFile = configFile;
  const args = fields.sshCommonArgs ?? vars.ansible_ssh_common_args;
  const text = typeof args === 'string' ? args : '';
  const words = splitWords(text);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const value = (flag: string): string | undefined => (w === flag ? words[++i] : w.startsWith(flag) ? w.slice(flag.length) : undefined);
    const f = value('-F');
    if (f !== undefined) { out.configFile ??= f; continue; }
    const j = value('-J');
    if (j !== undefined) { out.jump = j; continue; }
    const o = value('-o');
    if (o !== undefined) {
      const m = /^\s*([A-Za-z]+)\s*(?:=|\s)\s*(.*)$/.exec(o);
      // First value wins, as for ssh's own -o options.
      if (m) out.options[m[1]!.toLowerCase()] ??= m[2]!;
    }
  }
  return out;
}
