// FTREEDB, a partition's file-container table (REFERENCE §5, Coda's partition/ftreeifs.c): one 24-byte record per
// container slot (lnk, volume, vnode, unique, dataversion, magic, 32-bit little-endian on the x86 servers Coda
// runs on); a freed slot is zeroed. Directories live in RVM, so a volume's record count is the number of files its
// replica holds on that partition — the per-volume evidence that FTREEDB's total size cannot give (an empty volume
// has none, on either server). Binary, so read-only here: codaplay never writes it.

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
