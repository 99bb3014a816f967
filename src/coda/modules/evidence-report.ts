// The evidence report: one line per volume and new server, then the FTREEDB growth, as plain text for the
// terminal and as data for --json. Pure, so its wording is unit-tested.
export interface NewServerEvidence {
  host: string;
  name: string;
  id: number | null;
  ip: string | null;
  ftreedbBefore: number;
  ftreedbAfter: number | null;
}

export interface ReplicaEvidence {
  server: string;
  slot: number;
  id: string;
  getvolinfo: { server: string; ok: boolean; count: number | null }[];
  vldb: boolean;
  whereis: { client: string; ok: boolean }[];
}

export interface VolumeEvidence {
  volume: string;
  count: number;
  replicas: ReplicaEvidence[];
}

const mark = (ok: boolean): string => (ok ? 'ok' : 'MISSING');

export function formatEvidence(volumes: VolumeEvidence[], servers: NewServerEvidence[]): { text: string; failures: string[] } {
  const failures: string[] = [];
  const rows = [['volume', 'new replica', 'slot', 'count', 'getvolinfo (every server)', 'VLDB', 'cfs whereis (clients)']];
  for (const v of volumes) {
    for (const r of v.replicas) {
      const gv = r.getvolinfo.every((g) => g.ok);
      const wi = r.whereis.every((w) => w.ok);
      if (r.slot < 0) failures.push(`${v.volume}: ${r.server} is not in its VRList line`);
      if (!gv) failures.push(`${v.volume}: getvolinfo disagrees on ${r.getvolinfo.filter((g) => !g.ok).map((g) => `${g.server} (count ${g.count ?? '?'})`).join(', ')}`);
      if (!r.vldb) failures.push(`${v.volume}: the VLDB does not know ${v.volume}.${r.slot}`);
      if (!wi) failures.push(`${v.volume}: cfs whereis on ${r.whereis.filter((w) => !w.ok).map((w) => w.client).join(', ')} does not name ${r.server}`);
      rows.push([v.volume, `${r.id} on ${r.server}`, String(r.slot), String(v.count), `${mark(gv)} (${r.getvolinfo.length}/${r.getvolinfo.length} asked)`, mark(r.vldb), `${mark(wi)} (${r.whereis.length} client(s))`]);
    }
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const table = rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd());
  const growth = servers.map((s) => {
    const after = s.ftreedbAfter ?? 0;
    if (s.ftreedbAfter === null) failures.push(`${s.host}: no FTREEDB at its partition`);
    else if (after <= s.ftreedbBefore) failures.push(`${s.host}: FTREEDB did not grow (${s.ftreedbBefore} → ${after} bytes): no file reached the new replicas`);
    return `FTREEDB on ${s.name} (id ${s.id ?? '?'}, ${s.ip ?? '?'}): ${s.ftreedbBefore} → ${after} bytes (${Math.floor((after - s.ftreedbBefore) / 24)} new file containers)`;
  });
  return { text: ['EVIDENCE', ...table, ...growth].join('\n'), failures };
}
