// Simulated getvolinfo (REFERENCE §7.6, OBSERVED): no token; the host printed as given; exact output with tabs;
// exit 2 (bind) / 3 (call) / 255 (usage) in 6.x, 1 for any failure in 8.1.
import { DOWN_COST_SECONDS } from '../../core/down-costs.js';
import { loadHostEnv } from '../../core/host-env.js';
import { resolveName } from '../../core/name-service.js';
import { RPC2_ERRORS, rpc2ErrorText } from '../../core/rpc.js';
import { callServer, out } from '../tool-common.js';

const TYPES: Record<number, string> = { 0: 'Readwrite underlying volume replica (type 0)', 1: 'Readonly clone (type 1)', 2: 'Backup volume (type 2)', 3: 'Replicated volume (type 3)' };

interface Info { volumeId: number; type: number; typeIds: number[]; serverCount: number; replicas: { id: number; ip: string }[] }

export function formatVolumeInfo(asked: string, i: Info): string {
  const lines = [`Returned volume information for ${asked}`, `\tVolumeId ${(i.volumeId >>> 0).toString(16).padStart(8, '0')}`, `\t${TYPES[i.type] ?? `Unknown volume type ${i.type}`}`, ''];
  i.typeIds.forEach((id, t) => lines.push(`\tType${t} id ${(id >>> 0).toString(16)}`));
  lines.push('', `\tServerCount ${i.serverCount}`);
  for (let s = 0; s < 8; s++) {
    const r = i.replicas[s] ?? { id: 0, ip: '0.0.0.0' };
    lines.push(`\tReplica${s} id ${(r.id >>> 0).toString(16).padStart(8, '0')}, Server${s} ${r.ip}`);
  }
  lines.push('', '\tVSGAddr 0', '', '');
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const env = loadHostEnv();
  const v81 = env.lab.version === '8.1';
  let port = env.lab.codasrvPort;
  const args = [...argv];
  if (args[0] === '-p') { port = Number(args[1]); args.splice(0, 2); }
  const [host, volume] = args;
  if (!host || volume === undefined) {
    out('Usage getvolinfo [-p port] hostname volumename/id\n');
    return v81 ? 1 : 255;
  }
  const ip = resolveName(env.root, host);
  const answer = ip ? await callServer(env, ip, { op: 'GetVolumeInfo', volume }, DOWN_COST_SECONDS.getvolinfo) : { rc: RPC2_ERRORS.NOBINDING };
  if (answer.rc === RPC2_ERRORS.NOBINDING) {
    out(`RPC2 connection to ${host}:${port} failed with ${rpc2ErrorText(answer.rc)}.\n`);
    return v81 ? 1 : 2;
  }
  out(`RPC2 connection to ${host}:${port} successful.\n`);
  if (answer.rc !== 0) {
    out(`ViceGetVolumeInfo for ${volume} to ${host}:${port} failed with ${rpc2ErrorText(answer.rc)}.\n`);
    return v81 ? 1 : 3;
  }
  out(formatVolumeInfo(volume, answer.info as Info));
  return 0;
}
