// `hostname` of the simulated host (<root>/etc/hostname holds the FQDN): -f/--fqdn the full name,
// -s/--short the first label, -i/-I the address its own hosts file gives that name.
import { loadHostEnv } from '../../core/host-env.js';
import { getHostname, resolveName } from '../../core/name-service.js';

export async function main(argv: string[]): Promise<number> {
  const { root } = loadHostEnv();
  const fqdn = getHostname(root);
  const flag = argv[0] ?? '';
  if (flag === '-s' || flag === '--short') process.stdout.write(`${fqdn.split('.')[0]}\n`);
  else if (flag === '-i' || flag === '-I' || flag === '--ip-address') {
    const ip = resolveName(root, fqdn);
    if (!ip) {
      process.stderr.write('hostname: Name or service not known\n');
      return 1;
    }
    process.stdout.write(`${ip}\n`);
  } else process.stdout.write(`${fqdn}\n`);
  return 0;
}
