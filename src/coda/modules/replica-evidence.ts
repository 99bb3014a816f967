// The SCM as the Coda modules reach it, and the volumes a task names ('all' read from the SCM's VRList).
import type { ModuleContext } from '../../modules/module.js';
import type { Transport } from '../../transport/transport.js';
import { CodaStepError } from './coda-command.js';
import { codaPathsOf } from './coda-vars.js';
import { parseVRList } from '../parsers/index.js';

export async function scmAccess(ctx: ModuleContext): Promise<{ host: string; transport: Transport; vicedir: string }> {
  const host = ctx.cluster?.hostsOf('scm')[0];
  if (!host || !ctx.cluster) throw new CodaStepError('no SCM: put the SCM in inventory group scm');
  const transport = host === ctx.host.name ? ctx.transport : await ctx.cluster.transportFor(host);
  return { host, transport, vicedir: codaPathsOf(host, ctx.cluster.varsOf(host)).vicedir };
}

export const volumesSchemaNote = "a list of replicated volume names, or 'all' (every volume in the SCM's VRList)";

/** 'all' (or a list) -> the volume names, in VRList order, read from the SCM. */
export async function resolveVolumes(ctx: ModuleContext, requested: 'all' | string[]): Promise<string[]> {
  if (requested !== 'all') return requested;
  const scm = await scmAccess(ctx);
  return parseVRList((await scm.transport.readFile(`${scm.vicedir}/db/VRList`))?.toString('utf8') ?? '').entries.map((v) => v.name);
}
