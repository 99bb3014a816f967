// coda_vrdb: `volutil makevrdb <vicedir>/db/VRList` on the SCM so the VRDB carries the new slots. Probe:
// dump the VRDB the server holds (dumpvrdb, into a fresh temp file: it refuses an existing one) and compare
// it with VRList. makevrdb talks to the local server by its own name: `-h localhost` fails when server.conf
// sets hostname= (REFERENCE §9.5).
import { z } from 'zod';
import type { ModuleDefinition } from '../../modules/module.js';
import { quoteShellArg as q } from '../../util/quote.js';
import { failureOf, runChecked } from './coda-command.js';
import { Cell } from '../model/cell.js';
import { textOf } from '../model/facts.js';
import { codaPathsOf } from './coda-vars.js';
import { parseVRList } from '../parsers/index.js';

const schema = z.object({ vicedir: z.string().optional() }).strict();

const summaryOf = (text: string): string => parseVRList(text).entries.map((v) => `${v.name} ${v.groupId} ${v.count} ${v.slots.join(',')}`).sort().join('\n');

export const codaVrdb: ModuleDefinition<typeof schema> = {
  name: 'coda_vrdb',
  summary: 'Rebuild the VRDB from VRList on the SCM (volutil makevrdb) when the server\'s VRDB differs from VRList',
  schema,
  checkModeSafe: true,
  async probe(ctx, args) {
    const cell = Cell.of(ctx);
    const { vicedir: dflt, codaName } = codaPathsOf(ctx.host.name, ctx.vars);
    const vicedir = args.vicedir ?? dflt;
    const vrlist = textOf(await cell.file(ctx.host.name, 'VRList'));
    if (await cell.vrdbBehind()) return { changes: [`volutil makevrdb ${vicedir}/db/VRList`], reason: 'VRList got new replica ids in this run: the VRDB does not have them yet' };
    const dumped = await cell.vrdb();
    if (dumped !== null && summaryOf(dumped) === summaryOf(vrlist)) return { changes: [], reason: `VRDB on ${codaName} matches VRList (${parseVRList(vrlist).entries.length} volume(s))` };
    const why = dumped === null ? 'could not dump the VRDB: rebuild it' : 'VRDB differs from VRList';
    return { changes: [`volutil makevrdb ${vicedir}/db/VRList`], reason: `${why}${(await cell.file(ctx.host.name, 'VRList')).predicted ? ' (VRList as the earlier tasks would leave it)' : ''}` };
  },
  async predict(ctx) {
    const cell = Cell.of(ctx);
    const vrlist = textOf(await cell.file(ctx.host.name, 'VRList'));
    cell.setVrdb(vrlist);
    // The VRDB's bytes cannot be computed here; a token stands for "made from this VRList".
    cell.setFile(ctx.host.name, 'VRDB', { data: null, token: `VRDB made from: ${summaryOf(vrlist)}`, predicted: true });
  },
  async learn(ctx) {
    const cell = Cell.of(ctx);
    // makevrdb succeeded: the server's VRDB is VRList's content now (what dumpvrdb would print).
    cell.setVrdb(textOf(await cell.file(ctx.host.name, 'VRList')));
    cell.setVrdbBehind(false);
    cell.forgetFile(ctx.host.name, 'VRDB');
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
