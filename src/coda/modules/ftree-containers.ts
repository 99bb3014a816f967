// Which volume owns each file container of a partition, read from its FTREEDB (REFERENCE §5, Coda's
// partition/ftreeifs.c): one 24-byte record per container slot (lnk, volume, vnode, unique, dataversion,
// magic, 32-bit little-endian on the x86 servers Coda runs on); a freed slot is zeroed. Directories live in
// RVM, so a volume's record count is the number of files its replica holds on that partition — the per-volume
// evidence that FTREEDB's total size cannot give (an empty volume has none, on either server).
import type { ModuleContext } from '../../modules/module.js';
import { codaPathsOf } from './coda-vars.js';

const RECORD = 24;

/** Volume (replica) id -> containers in use, from an FTREEDB's bytes. */
export function containersPerVolume(db: Buffer): Map<number, number> {
  const out = new Map<number, number>();
  for (let off = 0; off + RECORD <= db.length; off += RECORD) {
    const lnk = db.readInt32LE(off);
    const volume = db.readUInt32LE(off + 4);
    if (lnk <= 0 || volume === 0) continue;
    out.set(volume, (out.get(volume) ?? 0) + 1);
  }
  return out;
}

/** The containers per volume on an inventory host's partition; null when its FTREEDB cannot be read. */
export async function readContainers(ctx: ModuleContext, host: string): Promise<Map<number, number> | null> {
  if (!ctx.cluster) return null;
  const { partition } = codaPathsOf(host, ctx.cluster.varsOf(host));
  const transport = host === ctx.host.name ? ctx.transport : await ctx.cluster.transportFor(host);
  const buf = await transport.readFile(`${partition}/FTREEDB`);
  return buf ? containersPerVolume(buf) : null;
}
