// Simulated rpc2ping (REFERENCE §7.6): succeeds only once the server listens; a down server costs 8.3 s (scaled);
// without arguments it prints its usage and exits 1 (OBSERVED, corrections).
import { DOWN_COST_SECONDS } from '../../core/down-costs.js';
import { loadHostEnv } from '../../core/host-env.js';
import { resolveName } from '../../core/name-service.js';
import { RPC2_ERRORS, rpc2ErrorText } from '../../core/rpc.js';
import { callServer, out } from '../tool-common.js';

export async function main(argv: string[]): Promise<number> {
  const env = loadHostEnv();
  const args = [...argv];
  let port = env.lab.codasrvPort;
  if (args[0] === '-p') { port = Number(args[1]); args.splice(0, 2); }
  const host = args[0];
  if (!host) {
    out('Usage rpc2ping [-p port] hostname\n');
    return 1;
  }
  const ip = resolveName(env.root, host);
  const r = ip ? await callServer(env, ip, { op: 'Ping' }, DOWN_COST_SECONDS.rpc2ping) : { rc: RPC2_ERRORS.NOBINDING };
  if (r.rc !== 0) {
    out(`RPC2 connection to ${host}:${port} failed with ${rpc2ErrorText(r.rc)}.\n`);
    return 2;
  }
  out(`RPC2 connection to ${host}:${port} successful.\n`);
  return 0;
}
