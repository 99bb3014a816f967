// coda_db_sync: bring the SCM's database files to this server now instead of at updateclnt's next 30 s cycle
// (OBSERVED: waiting for it was 60 of 68 s of a by-hand run): `updatefetch` each file that differs, then
// `volutil updatedb` so the server reloads VRDB/VLDB, then prove it with getvolinfo against this server.
// `servers` is fetched but never "reloaded": only a restart makes codasrv read it (REFERENCE §2).
// The fetches (at once) and the reload go out in one exec (runSequence); each keeps its own status and record.
import { z } from 'zod';
import { optionalVolumesArg } from './volumes-arg.js';
import type { ModuleContext, ModuleDefinition } from '../../modules/module.js';
import { quoteShellArg as q } from '../../util/quote.js';
import { CodaStepError, checkResult, failureOf, runLanes, runOn } from './coda-command.js';
import { runSequence } from './coda-sequence.js';
import { PROOF_LANES, recordEvidence } from './evidence-store.js';
import { Cell } from '../model/cell.js';
import { afterServersChanged, sameFile, textOf } from '../model/facts.js';
import type { FileDiff } from '../../engine/result.js';
import { codaPathsOf } from './coda-vars.js';
import { volInfoOf } from './volume-paths.js';
import type { VolumeLine } from './preflight-checks.js';

const schema = z.object({
  files: z.array(z.enum(['servers', 'VRList', 'VRDB', 'VLDB', 'files', 'maxgroupid', 'scm', 'volutil.tk', 'update.tk', 'auth2.tk', 'auth2.pw', 'prot_users.cdb'])).min(1),
  /** Run `volutil updatedb` afterwards (VRDB/VLDB reload), and prove it with getvolinfo. */
  reload: z.boolean().default(false),
  /** Volumes whose getvolinfo answer from this server must match the SCM's VRList. */
  prove_volumes: optionalVolumesArg.default([]),
  /** Inventory name of the SCM (default: the first host of group scm). */
  scm: z.string().optional(),
  /** How long to keep asking getvolinfo before naming this host as lagging. */
  prove_seconds: z.number().positive().default(30),
}).strict();

interface SyncState {
  stale: string[];
  unproven: string[];
  scmName: string;
  vicedir: string;
  expected: VolumeLine[];
}

/** A replica name this server's VLDB must know (`<volume>.<slot>` -> its id), asked as `getvolinfo <self> <name>`. */
interface ReplicaName {
  volume: string;
  name: string;
  id: number;
}

/** Volumes whose answer from this server disagrees with the SCM's VRList (count or replica ids), or whose new
 * replica's name its VLDB does not know; the answers that agree are kept as evidence for coda_verify. */
async function unprovenVolumes(ctx: ModuleContext, selfName: string, expected: VolumeLine[], names: ReplicaName[] = []): Promise<string[]> {
  const asks = [...expected.map((v) => v.name), ...names.map((n) => n.name)];
  const parts = await runLanes(ctx, asks.map((a) => `getvolinfo ${q(selfName)} ${q(a)}`), PROOF_LANES);
  const agreed = new Map<string, string>();
  const lagging = expected.filter((v, i) => {
    const output = parts[i]?.output ?? '';
    const info = volInfoOf(output);
    const ok = !!info && info.serverCount === v.count && v.slots.slice(0, v.count).every((id, slot) => info.replicas[slot]?.id === id);
    if (ok) agreed.set(v.name, output);
    return !ok;
  }).map((v) => v.name);
  names.forEach((n, k) => {
    const output = parts[expected.length + k]?.output ?? '';
    if (volInfoOf(output)?.volumeId === n.id) agreed.set(n.name, output);
    else if (!lagging.includes(n.volume)) lagging.push(n.volume);
  });
  recordEvidence(ctx, selfName, agreed);
  return lagging;
}

/**
 * On the SCM: the new replicas' names (`<volume>.<slot>` of each new server's slot), which coda_verify asks the
 * SCM's VLDB about. Proving them here, while the other servers fetch and reload, takes them off the end of the run.
 */
async function newReplicaNames(ctx: ModuleContext, cell: Cell, expected: VolumeLine[]): Promise<ReplicaName[]> {
  const listed = await cell.servers();
  const newIds = (ctx.cluster?.hostsOf('replicas') ?? []).flatMap((h) => {
    const name = cell.paths(h).codaName.toLowerCase();
    const entry = listed.find((e) => e.name.toLowerCase() === name);
    return entry ? [entry.id] : [];
  });
  return expected.flatMap((v) => newIds.flatMap((sid) => {
    const slot = v.slots.slice(0, v.count).findIndex((id) => id >>> 24 === sid);
    return slot >= 0 ? [{ volume: v.name, name: `${v.name}.${slot}`, id: v.slots[slot]! }] : [];
  }));
}

/** Text databases a person can read in a diff; the binary ones (VRDB, VLDB) and the secrets are left out. */
const TEXT_FILES = new Set(['servers', 'VRList', 'files', 'maxgroupid', 'scm']);

/** --diff: what updatefetch would write on this host (the SCM's file as the model has it, predicted or read). */
async function textDiffs(cell: Cell, host: string, scmHost: string, stale: string[], vicedir: string): Promise<FileDiff[]> {
  const out: FileDiff[] = [];
  for (const file of stale.filter((f) => TEXT_FILES.has(f))) {
    const [mine, theirs] = await Promise.all([cell.file(host, file), cell.file(scmHost, file)]);
    out.push({ path: `${vicedir}/db/${file}`, before: textOf(mine), after: textOf(theirs), ...(theirs.predicted ? { note: 'the SCM\'s file as the earlier tasks would leave it' } : {}) });
  }
  return out;
}

export const codaDbSync: ModuleDefinition<typeof schema> = {
  name: 'coda_db_sync',
  summary: 'Fetch changed database files from the SCM now (updatefetch), reload them (volutil updatedb) and prove it with getvolinfo',
  schema,
  checkModeSafe: true,
  async probe(ctx, args) {
    const cell = Cell.of(ctx);
    const scmHost = args.scm ?? cell.scmHost();
    const scm = cell.paths(scmHost);
    const self = codaPathsOf(ctx.host.name, ctx.vars);
    const stale: string[] = [];
    for (const file of args.files) {
      const [mine, theirs] = await Promise.all([cell.file(ctx.host.name, file), cell.file(scmHost, file)]);
      if ((theirs.data !== null || theirs.token !== undefined) && !sameFile(mine, theirs)) stale.push(file);
    }
    const expected = args.prove_volumes.length ? (await cell.vrlist(scmHost)).filter((v) => args.prove_volumes === 'all' || args.prove_volumes.includes(v.name)) : [];
    // Ask this server only when the files already match and its codasrv answers (never wait on one that is down).
    const ask = args.reload && stale.length === 0;
    const isScm = ctx.host.name === scmHost;
    const answering = ask && (await cell.codasrv(ctx.host.name)).answering;
    const names = isScm && ask ? await newReplicaNames(ctx, cell, expected) : [];
    // --check on the SCM: its VRDB and VLDB are the ones the earlier tasks build (coda_vrdb, coda_vldb load them
    // into its codasrv), so it would answer with them; asking now would only show the state before those tasks.
    const unproven = isScm && ctx.check ? [] : answering ? await unprovenVolumes(ctx, self.codaName, expected, names) : expected.map((v) => v.name);
    const state: SyncState = { stale, unproven: args.reload ? unproven : [], scmName: scm.codaName, vicedir: self.vicedir, expected };
    const changes = [
      ...stale.map((f) => `updatefetch db/${f} from ${scm.codaName}`),
      ...(args.reload && (stale.length || state.unproven.length) ? ['volutil updatedb'] : []),
    ];
    if (changes.length === 0) {
      return { changes, reason: `${args.files.join(', ')} match the SCM${args.reload && expected.length ? `; getvolinfo on ${self.codaName} agrees for ${expected.length} volume(s)` : ''}` };
    }
    const why = ask && !answering ? ` (codasrv on ${self.codaName} does not answer yet)` : '';
    return { changes, reason: `${changes.join('; ')}${why}`, state, diff: await textDiffs(cell, ctx.host.name, scmHost, stale, self.vicedir) };
  },
  async predict(ctx, args) {
    const cell = Cell.of(ctx);
    const scmHost = args.scm ?? cell.scmHost();
    for (const file of args.files) {
      const [mine, theirs] = await Promise.all([cell.file(ctx.host.name, file), cell.file(scmHost, file)]);
      if (sameFile(mine, theirs)) continue;
      cell.setFile(ctx.host.name, file, { ...theirs, predicted: true });
      if (file === 'servers') cell.setCodasrv(ctx.host.name, afterServersChanged(await cell.codasrv(ctx.host.name)));
    }
  },
  async learn(ctx, _args, plan) {
    const cell = Cell.of(ctx);
    const { stale } = plan.state as SyncState;
    // The fetched files are read again when asked (a file read, not a Coda call).
    for (const file of stale) cell.forgetFile(ctx.host.name, file);
    // A codasrv that runs started before the servers file it just got: stale (REFERENCE §2), no need to probe.
    if (stale.includes('servers')) cell.setCodasrv(ctx.host.name, { ...afterServersChanged(await cell.codasrv(ctx.host.name)), predicted: false });
  },
  async apply(ctx, args, plan) {
    const s = plan.state as SyncState;
    const self = codaPathsOf(ctx.host.name, ctx.vars);
    try {
      // The files are independent fetches from the SCM's updatesrv: all at once; then the reload, only when every
      // fetch worked. One exec for both (runSequence); what it did not run runs on its own, as before.
      const fetches = s.stale.map((file) => `updatefetch -h ${q(s.scmName)} -r ${q(`db/${file}`)} -l ${q(`${s.vicedir}/db/${file}`)}`);
      const reload = `volutil -h ${q(self.codaName)} updatedb`;
      const ran = await runSequence(ctx, [fetches.map((command) => ({ command })), ...(args.reload ? [{ command: reload }] : [])]);
      const fetched = await Promise.all(fetches.map((command, i) => ran[i] ?? runOn(ctx, command)));
      fetches.forEach((command, i) => checkResult(ctx, command, fetched[i]!));
      if (args.reload) {
        checkResult(ctx, reload, ran[fetches.length] ?? await runOn(ctx, reload));
        const deadline = Date.now() + args.prove_seconds * 1000;
        let lagging = await unprovenVolumes(ctx, self.codaName, s.expected);
        while (lagging.length && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 500));
          lagging = await unprovenVolumes(ctx, self.codaName, s.expected.filter((v) => lagging.includes(v.name)));
        }
        if (lagging.length) {
          throw new CodaStepError(`${ctx.host.name} still answers the old state for ${lagging.slice(0, 5).join(', ')}${lagging.length > 5 ? ' …' : ''} after ${args.prove_seconds} s`, {
            hint: `check UpdateClntLog and SrvLog on ${ctx.host.name} ("New Data Base received")`,
          });
        }
      }
      const what = s.stale.length ? `fetched ${s.stale.join(', ')}` : 'files already current';
      return { changed: true, reason: `${what}${args.reload ? `; reloaded; getvolinfo on ${self.codaName} agrees for ${s.expected.length} volume(s)` : ''}` };
    } catch (err) {
      return failureOf(err);
    }
  },
};
