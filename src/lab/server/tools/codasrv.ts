// `codasrv`: the simulated file server process itself (startserver starts it detached).
import { loadHostEnv } from '../../core/host-env.js';
import { runCodasrv } from '../codasrv.js';

export async function main(): Promise<number> {
  return runCodasrv(loadHostEnv());
}
