// The evidence report: a table (one row per volume and new server), then per volume what was proven and how,
// the FTREEDB totals, and warnings. Pure, so its wording and its pass/fail rules are unit-tested.
//
// The data copy is judged per volume from FTREEDB records (ftree-containers.ts): a volume whose existing
// replica holds files must have at least as many file containers in the new replica; an empty volume has
// nothing to copy and passes (its new FTREEDB rightly stays as it was). With no client in the inventory the
// copy was not driven at all: the server-side evidence decides and the report says what to run on a client.
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
  /** File containers of this replica in its server's FTREEDB; null when that FTREEDB could not be read. */
  containers: number | null;
}

export interface VolumeEvidence {
  volume: string;
  count: number;
  replicas: ReplicaEvidence[];
  /** Files the existing replica holds (its containers in its server's FTREEDB); null when unknown. */
  files: number | null;
  /** Where `files` comes from, e.g. "FTREEDB of scm.coda.lab, replica 01000002". */
  filesFrom: string;
}

export interface EvidenceSetting {
  /** Inventory clients that ran the walk (empty: the copy was not driven). */
  clients: string[];
  realm: string;
  /** The clients' mount point, for the commands of the warning. */
  mountpoint: string;
}

export interface EvidenceReport {
  text: string;
  failures: string[];
  warnings: string[];
}

const mark = (ok: boolean): string => (ok ? 'ok' : 'MISSING');

type Copy = { verdict: string; ok: boolean; failure?: string };

function judgeCopy(v: VolumeEvidence, r: ReplicaEvidence, setting: EvidenceSetting): Copy {
  const have = r.containers;
  if (v.files === 0) return { verdict: 'empty (nothing to copy)', ok: true };
  if (setting.clients.length === 0) return { verdict: `not driven (no client; ${v.files ?? '?'} file(s) to copy)`, ok: true };
  if (v.files === null) {
    if (have && have > 0) return { verdict: `copied (${have} container(s); files on the existing replica unknown)`, ok: true };
    return { verdict: 'UNPROVEN', ok: false, failure: `${v.volume}: cannot tell whether the existing replica holds files (${v.filesFrom}), and ${r.server}'s FTREEDB holds no container of ${r.id}` };
  }
  if (have === null) return { verdict: 'UNPROVEN', ok: false, failure: `${v.volume}: cannot read the FTREEDB of ${r.server} to see whether the ${v.files} file(s) reached ${r.id}` };
  if (have >= v.files) return { verdict: `copied (${have}/${v.files} file(s))`, ok: true };
  return { verdict: `MISSING (${have}/${v.files} file(s))`, ok: false,
    failure: `${v.volume}: ${v.files} file(s) on the existing replica (${v.filesFrom}) but ${have} container(s) of ${r.id} in ${r.server}'s FTREEDB: the data did not reach the new replica` };
}

/** The commands that drive the copy from a client (what coda_client_sync runs). */
export function clientCommands(setting: EvidenceSetting, volumes: string[]): string[] {
  const top = `${setting.mountpoint}/${setting.realm}`;
  // The realm's top is the root volume, and every other volume is mounted below it: walking it walks them all.
  const paths = volumes.includes('/') ? [top] : volumes.map((v) => `${top}/${v}`);
  return ['cfs checkservers', 'cfs checkvolumes', 'cfs strong', `cfs flushobject ${top}`, `ls -lR ${paths.join(' ')} > /dev/null`];
}

function proofLine(v: VolumeEvidence, r: ReplicaEvidence, copy: Copy, setting: EvidenceSetting): string {
  const asked = r.getvolinfo.map((g) => `${g.server}${g.ok ? '' : ' (DISAGREES)'}`).join(', ');
  const parts = [
    `${v.volume}: replica ${r.id} on ${r.server}, VRList slot ${r.slot} of ${v.count}`,
    `getvolinfo on ${asked} (each server's VLDB and VRDB) gives count ${v.count} and ${r.id} at ${r.server}'s address in slot ${r.slot}`,
    `the SCM's VLDB answers ${v.volume}.${r.slot} ${r.vldb ? `with ${r.id}` : 'WRONGLY'}`,
    `data: ${copy.verdict}, from ${v.filesFrom} against ${r.server}'s FTREEDB`,
  ];
  if (setting.clients.length) parts.push(`cfs whereis on ${r.whereis.map((w) => `${w.client}${w.ok ? '' : ' (MISSING)'}`).join(', ')} names ${r.server}`);
  return parts.join('; ');
}

/** Rows (and per-volume proof lines) shown for replicas with nothing wrong; every problem is always shown. */
export const SHOWN_ROWS = 20;

export function formatEvidence(volumes: VolumeEvidence[], servers: NewServerEvidence[], setting: EvidenceSetting): EvidenceReport {
  const failures: string[] = [];
  const warnings: string[] = [];
  const rows = [['volume', 'new replica', 'slot', 'count', 'getvolinfo (every server)', 'VLDB', 'data copy', 'cfs whereis (clients)']];
  const proofs: string[] = [];
  let shown = 0;
  let hidden = 0;
  for (const v of volumes) {
    for (const r of v.replicas) {
      const gv = r.getvolinfo.every((g) => g.ok);
      const wi = r.whereis.every((w) => w.ok);
      const copy = judgeCopy(v, r, setting);
      if (r.slot < 0) failures.push(`${v.volume}: ${r.server} is not in its VRList line`);
      if (!gv) failures.push(`${v.volume}: getvolinfo disagrees on ${r.getvolinfo.filter((g) => !g.ok).map((g) => `${g.server} (count ${g.count ?? '?'})`).join(', ')}`);
      if (!r.vldb) failures.push(`${v.volume}: the VLDB does not know ${v.volume}.${r.slot}`);
      if (copy.failure) failures.push(copy.failure);
      if (!wi) failures.push(`${v.volume}: cfs whereis on ${r.whereis.filter((w) => !w.ok).map((w) => w.client).join(', ')} does not name ${r.server}`);
      // A big cell's report summarises: every row with a problem, the first few good ones (--json keeps them all).
      const good = gv && wi && r.vldb && r.slot >= 0 && !copy.failure;
      if (good && shown >= SHOWN_ROWS) { hidden++; continue; }
      if (good) shown++;
      rows.push([v.volume, `${r.id} on ${r.server}`, String(r.slot), String(v.count), `${mark(gv)} (${r.getvolinfo.length}/${r.getvolinfo.length} asked)`, mark(r.vldb), copy.verdict,
        setting.clients.length ? `${mark(wi)} (${r.whereis.length} client(s))` : 'no client']);
      proofs.push(proofLine(v, r, copy, setting));
    }
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const table = rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd());
  if (hidden) {
    const more = `… and ${hidden} more replica(s) proven the same way (every row: the task's registered data, or --json)`;
    table.push(more);
    proofs.push(more);
  }
  const growth = servers.map((s) => {
    const after = s.ftreedbAfter ?? 0;
    if (s.ftreedbAfter === null) failures.push(`${s.host}: no FTREEDB at its partition`);
    return `FTREEDB on ${s.name} (id ${s.id ?? '?'}, ${s.ip ?? '?'}): ${s.ftreedbBefore} → ${after} bytes (${Math.floor((after - s.ftreedbBefore) / 24)} new container slot(s))`;
  });
  if (setting.clients.length === 0) {
    const withFiles = volumes.filter((v) => v.files !== 0);
    const what = withFiles.length
      ? `${withFiles.length} volume(s) hold files that have not reached the new replicas yet: ${withFiles.map((v) => `${v.volume} (${v.files ?? '?'} file(s))`).join(', ')}`
      : 'no volume holds files, so there is nothing to copy yet';
    warnings.push([
      `no client in the inventory: the data copy to the new replicas was not driven (${what}). The server side is proven above.`,
      `To copy the data, on one client of realm ${setting.realm} (as a user with tokens for these volumes) run:`,
      ...clientCommands(setting, withFiles.length ? withFiles.map((v) => v.volume) : ['/']).map((c) => `    ${c}`),
      'or add clients to inventory group clients and rerun the playbook (its client step does this, then verification checks the copy).',
    ].join('\n'));
  }
  const text = ['EVIDENCE', ...table, '', 'PROVEN, PER VOLUME', ...proofs, '', ...growth, ...warnings.map((w) => `\nWARNING: ${w}`)].join('\n');
  return { text, failures, warnings };
}
