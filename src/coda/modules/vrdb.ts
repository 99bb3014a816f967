// coda_vrdb: `volutil makevrdb <vicedir>/db/VRList` on the SCM so the VRDB carries the new slots. Probe:
// dump the VRDB the server holds (dumpvrdb, into a fresh temp file: it refuses an existing one) and compare
// it with VRList. makevrdb talks to the local server by its own name: `-h localhost` fails when server.conf
// sets hostname= (REFERENCE §9.5).
import { z } from 'zod';
import type { ModuleContext, ModuleDefinition } from '../../modules/module.js';
import { quoteShellArg as q } from '../../util/quote.js';
import { failureOf, runChecked, runOn } from './coda-command.js';
import { codaPathsOf } from './coda-vars.js';
import { parseVRList } from '../parsers/index.js';

const schema = z.object({ vicedir: z.string().optional() }).strict();

const summaryOf = (text: string): string => parseVRList(text).entries.map((v) => `${v.name} ${v.groupId} ${v.count} ${v.slots.join(',')}`).sort().join('\n');

async function dumpVrdb(ctx: ModuleContext, codaName: string): Promise<string | null> {
  const tmp = `/tmp/codaplay-vrdb.${process.pid}.${Date.now()}`;
  const out = await runOn(ctx, `volutil -h ${q(codaName)} dumpvrdb ${q(tmp)} >/dev/null 2>&1 && cat ${q(tmp)}; rc=$?; rm -f ${q(tmp)}; exit $rc`);
  return out.code === 0 ? out.stdout : null;
}

export const codaVrdb: ModuleDefinition<typeof schema> = {
  name: 'coda_vrdb',
  summary: 'Rebuild the VRDB from VRList on the SCM (volutil makevrdb) when the server\'s VRDB differs from VRList',
  schema,
  async probe(ctx, args) {
    const { vicedir: dflt, codaName } = codaPathsOf(ctx.host.name, ctx.vars);
    const vicedir = args.vicedir ?? dflt;
    const vrlist = (await ctx.transport.readFile(`${vicedir}/db/VRList`))?.toString('utf8') ?? '';
    const dumped = await dumpVrdb(ctx, codaName);
    if (dumped !== null && summaryOf(dumped) === summaryOf(vrlist)) return { changes: [], reason: `VRDB on ${codaName} matches VRList (${parseVRList(vrlist).entries.length} volume(s))` };
    return { changes: [`volutil makevrdb ${vicedir}/db/VRList`], reason: dumped === null ? 'could not dump the VRDB: rebuild it' : 'VRDB differs from VRList' };
  },
  async apply(ctx, args) {
    const { vicedir: dflt, codaName } = codaPathsOf(ctx.host.name, ctx.vars);
    const vicedir = args.vicedir ?? dflt;
    try {
      await runChecked(ctx, `volutil -h ${q(codaName)} makevrdb ${q(`${vicedir}/db/VRList`)}`);
      return { changed: true, reason: `VRDB rebuilt from ${vicedir}/db/VRList` };
    } catch (err) {
      return failureOf(err);
    }
  },
};
