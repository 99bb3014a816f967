// Simulated cfs (REFERENCE §7.10): opcodes and aliases matched exactly, Coda's texts, and its exit statuses
// (255 for a bogus opcode or usage; flushobject stays 0 even on errors). `wr` exists only in 6.1 mode.
import { loadHostEnv } from '../../core/host-env.js';
import { askVenus } from '../venus-client.js';

const BOGUS = 'Bogus or missing opcode: type "cfs help" for list\n';
const out = (t: string): void => { process.stdout.write(t); };

export async function main(argv: string[]): Promise<number> {
  const env = loadHostEnv();
  const [op, ...args] = argv;
  const v61 = env.lab.version === '6.1';
  const venus = async (req: { op: string } & Record<string, unknown>, label: string): Promise<Record<string, unknown> | null> => {
    const r = await askVenus(env, req);
    if (!r) process.stderr.write(`${label}: Connection refused\n`);
    return r;
  };
  switch (op) {
    case 'checkservers':
    case 'cs': {
      out('Contacting servers .....\n');
      const r = await venus({ op: 'CheckServers' }, 'VIOCCKSERV');
      if (!r) return 255;
      const down = r.down as string[];
      out(down.length ? `These servers still down:  ${down.join('  ')}\n` : 'All servers up\n');
      return 0;
    }
    case 'checkvolumes':
      return (await venus({ op: 'CheckVolumes' }, 'VIOC_VIOCCKBACK')) ? 0 : 255;
    case 'strong':
      return (await venus({ op: 'Strong' }, v61 ? 'VIOC_STRONG' : 'VIOC_WD_ALL')) ? 0 : 255;
    case 'writereconnect':
    case 'wr':
      if (!v61) { out(BOGUS); return 255; }
      return (await venus({ op: 'Reconnect' }, 'VIOC_WR_ALL')) ? 0 : 255;
    case 'writedisconnect':
    case 'wd':
      return (await venus({ op: 'Strong' }, 'VIOC_WD_ALL')) ? 0 : 255;
    case 'reconnect':
      return (await venus({ op: 'Reconnect' }, 'VIOC_RECONNECT')) ? 0 : 255;
    case 'disconnect':
      return (await venus({ op: 'Disconnect' }, 'VIOC_DISCONNECT')) ? 0 : 255;
    case 'flushobject':
    case 'fl': {
      if (args.length === 0) { out('Usage: cfs fl <path> [<path> ...]\n'); return 255; }
      for (const p of args) if (args.length > 1) out(`  ${p}\n`);
      return 0;
    }
    case 'whereis': {
      if (args.length === 0) { out('Usage: cfs whereis <dir> [<dir> <dir> ...]\n'); return 255; }
      for (const p of args) {
        const r = await venus({ op: 'WhereIs', path: p }, p);
        if (!r || r.error) { process.stderr.write(`${p}: ${String(r?.error ?? 'Connection refused')}\n`); continue; }
        const hosts = (r.hosts as string[]).map((h) => `  ${h}`).join('');
        out(args.length > 1 ? `  ${p}:  ${hosts.trimStart()}\n` : `${hosts}\n`);
      }
      return 0;
    }
    case 'listvol':
    case 'lv': {
      const paths = args.filter((a) => a !== '-local');
      if (paths.length === 0) { out('Usage: cfs lv [-local] <dir> [<dir> <dir> ...]\n'); return 255; }
      for (const p of paths) {
        const r = await venus({ op: 'ListVol', path: p }, p);
        if (!r || r.error) { process.stderr.write(`${p}: ${String(r?.error ?? 'Connection refused')}\n`); continue; }
        out(String(r.text));
      }
      return 0;
    }
    default:
      out(BOGUS);
      return 255;
  }
}
