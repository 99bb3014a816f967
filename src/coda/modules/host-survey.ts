// One read-only command per host that gathers everything preflight needs (names, config, databases,
// version), so a cell of any size costs one round trip per host, all hosts in parallel.
import type { ModuleContext } from '../../modules/module.js';
import type { Transport } from '../../transport/transport.js';
import { quoteShellArg as q } from '../../util/quote.js';
import { runOn } from './coda-command.js';
import { codaPathsOf, type CodaHostPaths } from './coda-vars.js';

export type SurveyRole = 'scm' | 'server' | 'replica' | 'client';

export interface HostSurvey {
  host: string;
  role: SurveyRole;
  paths: CodaHostPaths;
  /** Section name -> raw text (untrimmed). Missing files give an empty section. */
  sections: Record<string, string>;
  /** name -> first IPv4 this host resolves it to (getent hosts), or null. */
  resolved: Record<string, string | null>;
}

function sectionScript(name: string, command: string): string {
  return `echo '@@${name}'; ${command}`;
}

/** One `getent hosts` per name (its first line): the fallback when the batched lookup cannot say which line is whose. */
function resolveEachScript(names: string[]): string[] {
  return names.map((n) => sectionScript(`resolve ${n}`, `getent hosts ${q(n)} 2>/dev/null | head -n 1`));
}

/**
 * Every name in one `getent hosts` (a cell of N hosts would otherwise start N×N getent processes: 2,704 at 52 hosts);
 * resolvedFromBatch() maps the lines back to the names.
 */
function resolveAllScript(names: string[]): string[] {
  if (names.length === 0) return [];
  return [sectionScript('resolve*', `getent hosts ${names.map(q).join(' ')} 2>/dev/null`)];
}

/**
 * The first IPv4 of each name from one `getent hosts n1 n2 …`: glibc prints a line per address of each key found,
 * `ADDRESS CANONICAL ALIASES…`, so a line is a name's when the name is among its names (case-insensitive). A name
 * with no such line is left out (undefined): a missing key, or one resolved under another canonical name (DNS
 * search domain, CNAME), which only a lookup of its own can tell apart.
 */
export function resolvedFromBatch(names: string[], output: string): Record<string, string | null | undefined> {
  const lines = output.split('\n').map((l) => l.trim().split(/\s+/)).filter((f) => f.length >= 2);
  const out: Record<string, string | null | undefined> = {};
  for (const name of names) {
    const line = lines.find((f) => /^\d+\.\d+\.\d+\.\d+$/.test(f[0]!) && f.slice(1).some((n) => n.toLowerCase() === name.toLowerCase()));
    out[name] = line ? line[0]! : undefined;
  }
  return out;
}

export function buildSurveyScript(role: SurveyRole, paths: CodaHostPaths, namesToResolve: string[]): string {
  const parts = [
    sectionScript('hostname', 'hostname -f 2>/dev/null || hostname'),
    ...resolveAllScript(namesToResolve),
  ];
  if (role === 'client') {
    parts.push(sectionScript('venus.conf', `cat ${q(`${paths.confdir}/venus.conf`)} 2>/dev/null`));
  } else {
    const db = `${paths.vicedir}/db`;
    parts.push(
      sectionScript('server.conf', `cat ${q(`${paths.confdir}/server.conf`)} 2>/dev/null`),
      sectionScript('servers', `cat ${q(`${db}/servers`)} 2>/dev/null`),
      sectionScript('vicetab', `cat ${q(`${db}/vicetab`)} 2>/dev/null`),
      sectionScript('version', `grep -m 1 -h 'Coda Vice, version' ${q(`${paths.vicedir}/srv/SrvLog`)} ${q(`${paths.vicedir}/srv/SrvLog-0`)} 2>/dev/null`),
      sectionScript('running', `p=$(cat ${q(`${paths.vicedir}/srv/pid`)} 2>/dev/null); [ -n "$p" ] && kill -0 "$p" 2>/dev/null && echo "$p"`),
      // With `running`, what the cell model needs about codasrv (see model/cell.ts codasrvProbeScript).
      sectionScript('pid_mtime', `stat -c %.3Y ${q(`${paths.vicedir}/srv/pid`)} 2>/dev/null`),
      sectionScript('servers_mtime', `stat -c %.3Y ${q(`${db}/servers`)} 2>/dev/null`),
    );
  }
  if (role === 'scm') parts.push(sectionScript('VRList', `cat ${q(`${paths.vicedir}/db/VRList`)} 2>/dev/null`));
  if (role === 'replica') {
    parts.push(sectionScript('ftreedb', `stat -c %s ${q(`${paths.partition}/FTREEDB`)} 2>/dev/null`));
    parts.push(sectionScript('setup', `ls ${q(`${paths.partition}/FTREEDB`)} 2>/dev/null`));
  }
  return parts.join('\n');
}

export function splitSections(stdout: string): Record<string, string> {
  const sections: Record<string, string> = {};
  let current: string | null = null;
  for (const line of stdout.split('\n')) {
    const m = /^@@(.+)$/.exec(line);
    if (m) {
      current = m[1] ?? '';
      sections[current] = '';
    } else if (current !== null) {
      sections[current] += `${line}\n`;
    }
  }
  for (const key of Object.keys(sections)) sections[key] = (sections[key] ?? '').replace(/\n$/, '');
  return sections;
}

export async function surveyHost(ctx: ModuleContext, host: string, role: SurveyRole, transport: Transport, namesToResolve: string[]): Promise<HostSurvey> {
  const vars = ctx.cluster ? ctx.cluster.varsOf(host) : ctx.vars;
  const paths = codaPathsOf(host, vars);
  const result = await runOn(ctx, buildSurveyScript(role, paths, namesToResolve), transport);
  const sections = splitSections(result.stdout);
  const batch = resolvedFromBatch(namesToResolve, sections['resolve*'] ?? '');
  const unmapped = namesToResolve.filter((n) => batch[n] === undefined);
  // Rare (a name that does not resolve fails preflight anyway): ask those names one by one, in one more round trip.
  const each = unmapped.length ? splitSections((await runOn(ctx, resolveEachScript(unmapped).join('\n'), transport)).stdout) : {};
  const resolved: Record<string, string | null> = {};
  for (const name of namesToResolve) {
    const first = (each[`resolve ${name}`] ?? '').trim().split(/\s+/)[0] ?? '';
    resolved[name] = batch[name] ?? (/^\d+\.\d+\.\d+\.\d+$/.test(first) ? first : null);
  }
  return { host, role, paths, sections, resolved };
}
