// Which volume owns each file container of an inventory host's partition, read from its FTREEDB through the
// parser (src/coda/parsers/ftreedb.ts).
import type { ModuleContext } from '../../modules/module.js';
import { containersPerVolume } from '../parsers/index.js';
import { codaPathsOf } from './coda-vars.js';

/** The containers per volume on an inventory host's partition; null when its FTREEDB cannot be read. */
export async function readContainers(ctx: ModuleContext, host: string): Promise<Map<number, number> | null> {
  if (!ctx.cluster) return null;
  const { partition } = codaPathsOf(host, ctx.cluster.varsOf(host));
  const transport = host === ctx.host.name ? ctx.transport : await ctx.cluster.transportFor(host);
  const buf = await transport.readFile(`${partition}/FTREEDB`);
  return buf ? containersPerVolume(buf) : null;
}
