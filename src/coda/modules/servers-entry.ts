// coda_servers_entry: list a new server in the SCM's <vicedir>/db/servers (REFERENCE §2). Idempotent: a name
// already listed with the same id is fine; the same name with another id, a taken id or a reserved id is
// refused. The edit is computed in TypeScript, written atomically with a timestamped backup. The probe reads the
// servers file from the cell model, and --check predicts the new line for the later tasks.
import { z } from 'zod';
import type { ModuleContext, ModuleDefinition } from '../../modules/module.js';
import { CodaStepError, failureOf } from './coda-command.js';
import { codaPathsOf } from './coda-vars.js';
import { addServer, parseServers, serializeServers } from '../parsers/index.js';
import { Cell } from '../model/cell.js';
import { afterServersChanged, predictedText, textOf } from '../model/facts.js';
import { appendJournal } from './journal.js';
import { chooseServerIds, type Problem } from './preflight-checks.js';

const schema = z.object({
  /** Inventory name of the new server; its coda_name and server_id vars give the line. */
  host: z.string().min(1),
  vicedir: z.string().optional(),
}).strict();

interface EntryPlan {
  name: string;
  id: number;
  before: string;
  after: string;
  path: string;
}

async function planEntry(ctx: ModuleContext, host: string, vicedir: string): Promise<EntryPlan | { done: string }> {
  const vars = ctx.cluster ? ctx.cluster.varsOf(host) : {};
  const { codaName, serverId } = codaPathsOf(host, vars);
  const path = `${vicedir}/db/servers`;
  const file = await Cell.of(ctx).file(ctx.host.name, 'servers');
  const before = file.data === null ? undefined : textOf(file);
  if (before === undefined) throw new CodaStepError(`${path} does not exist on ${ctx.host.name}`, { hint: 'is this host the SCM, and is vicedir right?' });
  const doc = parseServers(before);
  const listed = doc.entries;
  const problems: Problem[] = [];
  const [plan] = chooseServerIds([{ host, name: codaName, wantedId: serverId }], listed, problems);
  if (problems.length || !plan) throw new CodaStepError(problems.map((p) => `${p.message} (fix: ${p.fix})`).join('; '));
  if (plan.listed) return { done: `${codaName} is listed in ${path} with id ${plan.id}` };
  const edit = addServer(doc, codaName, plan.id);
  if (!edit.ok) throw new CodaStepError(`cannot list ${codaName} in ${path}: ${edit.error}`);
  return { name: codaName, id: plan.id, before, after: serializeServers(edit.value.doc), path };
}

export const codaServersEntry: ModuleDefinition<typeof schema> = {
  name: 'coda_servers_entry',
  summary: 'Add "name id" for a new server to the SCM\'s servers file (lowest free valid id unless server_id is set)',
  schema,
  checkModeSafe: true,
  async probe(ctx, args) {
    const vicedir = args.vicedir ?? codaPathsOf(ctx.host.name, ctx.vars).vicedir;
    const plan = await planEntry(ctx, args.host, vicedir);
    if ('done' in plan) return { changes: [], reason: plan.done };
    return {
      changes: [`add "${plan.name} ${plan.id}" to ${plan.path}`],
      reason: `would add ${plan.name} with server id ${plan.id}`,
      diff: [{ path: plan.path, before: plan.before, after: plan.after }],
      data: { name: plan.name, id: plan.id },
      state: plan,
    };
  },
  async predict(ctx, _args, plan) {
    const cell = Cell.of(ctx);
    cell.setFile(ctx.host.name, 'servers', predictedText((plan.state as EntryPlan).after));
    cell.setCodasrv(ctx.host.name, afterServersChanged(await cell.codasrv(ctx.host.name)));
  },
  async learn(ctx, _args, plan) {
    const cell = Cell.of(ctx);
    cell.setFile(ctx.host.name, 'servers', { data: Buffer.from((plan.state as EntryPlan).after, 'utf8'), predicted: false });
    // The file just changed, so a codasrv that runs started before it: stale (REFERENCE §2), no need to probe.
    cell.setCodasrv(ctx.host.name, { ...afterServersChanged(await cell.codasrv(ctx.host.name)), predicted: false });
  },
  async apply(ctx, args, plan) {
    const p = plan.state as EntryPlan;
    const vicedir = args.vicedir ?? codaPathsOf(ctx.host.name, ctx.vars).vicedir;
    try {
      // The new server's FTREEDB size is asked meanwhile: nothing reaches that server before its codasrv starts.
      const ftreedbBefore = ftreedbSize(ctx, args.host);
      const { backupPath } = await ctx.transport.writeFileAtomic(p.path, p.after, { backup: true });
      await appendJournal(ctx, ctx.transport, vicedir, [{ step: 'servers-entry', host: args.host, detail: { name: p.name, id: p.id, backupPath, ftreedbBefore: await ftreedbBefore } }]);
      return {
        changed: true,
        reason: `added ${p.name} with server id ${p.id} to ${p.path}${backupPath ? ` (backup ${backupPath})` : ''}`,
        diff: [{ path: p.path, before: p.before, after: p.after, backupPath }],
        data: { name: p.name, id: p.id },
      };
    } catch (err) {
      return failureOf(err);
    }
  },
};

/** FTREEDB size of the new server before anything reaches it: the baseline the evidence report compares to. */
async function ftreedbSize(ctx: ModuleContext, host: string): Promise<number | null> {
  if (!ctx.cluster) return null;
  try {
    const { partition } = codaPathsOf(host, ctx.cluster.varsOf(host));
    const stat = await (await ctx.cluster.transportFor(host)).stat(`${partition}/FTREEDB`);
    return stat.exists ? (stat.size ?? 0) : null;
  } catch {
    return null;
  }
}
