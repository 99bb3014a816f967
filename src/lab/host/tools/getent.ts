// `getent hosts NAME…` answered from the simulated host's own <root>/etc/hosts, so a playbook's preflight
// sees exactly what that host's Coda daemons would resolve. Other databases go to the system getent.
import { execFileSync } from 'node:child_process';
import { loadHostEnv } from '../../core/host-env.js';
import { canonicalName, resolveName } from '../../core/name-service.js';

export async function main(argv: string[]): Promise<number> {
  const [database, ...keys] = argv;
  if (database !== 'hosts' && database !== 'ahostsv4') {
    try {
      process.stdout.write(execFileSync('/usr/bin/getent', argv, { encoding: 'utf8' }));
      return 0;
    } catch (err) {
      return (err as { status?: number }).status ?? 1;
    }
  }
  const { root } = loadHostEnv();
  let missing = false;
  for (const key of keys) {
    const ip = resolveName(root, key);
    if (!ip) {
      missing = true;
      continue;
    }
    const name = canonicalName(root, key) ?? key;
    process.stdout.write(`${ip.padEnd(15)} ${name}${name === key ? '' : ` ${key}`}\n`);
  }
  // glibc getent: exit 2 when one or more keys were not found.
  return missing ? 2 : 0;
}
