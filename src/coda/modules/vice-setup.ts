// vice_setup: set up a new Coda server from a bare host by running the interactive vice-setup with answers
// declared in the inventory, then start updateclnt and auth2 — but not codasrv: the add-replica job starts it
// once the SCM lists it. vice-setup wipes the RVM log and data, so a half set-up host is reported and only set
// up again when the user says --force-setup (-e force_setup=true).
import { z } from 'zod';
import type { ModuleContext, ModuleDefinition } from '../../modules/module.js';
import { quoteShellArg as q } from '../../util/quote.js';
import { dialogFor, generationFromUsage, type SetupAnswers, type ViceSetupGeneration } from '../vice-setup/answers.js';
import { runDialog } from '../vice-setup/run-dialog.js';
import { CodaStepError, failureOf, runChecked, runOn } from './coda-command.js';
import { codaPathsOf } from './coda-vars.js';
import { splitSections } from './host-survey.js';

const schema = z.object({
  scm: z.boolean().default(false),
  /** The SCM's name (non-SCM path); default: coda_name of the first host of group scm. */
  scm_name: z.string().optional(),
  update_token: z.string().min(1),
  auth2_token: z.string().optional(),
  volutil_token: z.string().optional(),
  codatunnel: z.boolean().default(false),
  server_id: z.number().int().optional(),
  admin_uid: z.number().int().default(1001),
  admin_name: z.string().default('admin'),
  rvm_log: z.string(),
  rvm_log_size: z.string().default('2M'),
  rvm_data: z.string(),
  rvm_data_size: z.string().default('32M'),
  max_files: z.enum(['256K', '1M', '2M', '16M']).default('256K'),
  force: z.boolean().default(false),
  timeout_seconds: z.number().positive().default(120),
}).strict();
type Args = z.infer<typeof schema>;

interface SetupState {
  present: string[];
  missing: string[];
  daemons: { updateclnt: boolean; auth2: boolean };
  /** Whose vice-setup scripts the host has (from their usage text; else the inventory's coda_version). */
  generation: ViceSetupGeneration;
}

function markers(ctx: ModuleContext, a: Args): Record<string, string> {
  const p = codaPathsOf(ctx.host.name, ctx.vars);
  return {
    'server.conf': `${p.confdir}/server.conf`,
    'db/scm': `${p.vicedir}/db/scm`,
    'db/servers': `${p.vicedir}/db/servers`,
    'db/vicetab': `${p.vicedir}/db/vicetab`,
    FTREEDB: `${p.partition}/FTREEDB`,
    'RVM log': a.rvm_log,
    'RVM data': a.rvm_data,
  };
}

async function probeSetup(ctx: ModuleContext, a: Args): Promise<SetupState> {
  const p = codaPathsOf(ctx.host.name, ctx.vars);
  const m = markers(ctx, a);
  const script = [
    ...Object.entries(m).map(([k, path]) => `echo '@@${k}'; [ -e ${q(path)} ] && echo yes`),
    `echo '@@updateclnt'; p=$(cat ${q(`${p.vicedir}/misc/updateclnt.pid`)} 2>/dev/null) && kill -0 "$p" 2>/dev/null && echo yes`,
    // auth2 keeps its pid in its working directory, <vicedir>/auth2 (OBSERVED, corrections).
    `echo '@@auth2'; p=$(cat ${q(`${p.vicedir}/auth2/pid`)} 2>/dev/null) && kill -0 "$p" 2>/dev/null && echo yes`,
    // With one argument every vice-setup prints its usage and exits 1, touching nothing; the usage differs by version.
    `echo '@@usage'; vice-setup --usage </dev/null 2>&1 | head -n 3`,
  ].join('\n');
  const s = splitSections((await runOn(ctx, script)).stdout);
  const has = (k: string): boolean => (s[k] ?? '').trim() === 'yes';
  const keys = Object.keys(m);
  const version = String(ctx.vars.coda_version ?? '');
  const generation = generationFromUsage(s.usage ?? '') ?? (version.startsWith('6') ? 6 : 8);
  return { present: keys.filter(has), missing: keys.filter((k) => !has(k)), daemons: { updateclnt: has('updateclnt'), auth2: has('auth2') }, generation };
}

function answersOf(ctx: ModuleContext, a: Args, s: Pick<SetupState, 'generation' | 'present'>): SetupAnswers {
  const p = codaPathsOf(ctx.host.name, ctx.vars);
  const scmHost = ctx.cluster?.hostsOf('scm')[0];
  const scmName = a.scm_name ?? (scmHost && ctx.cluster ? codaPathsOf(scmHost, ctx.cluster.varsOf(scmHost)).codaName : undefined);
  if (!a.scm && !scmName) throw new CodaStepError('vice_setup needs the SCM\'s name (scm_name, or a host in group scm)');
  return {
    generation: s.generation, confExists: s.present.includes('server.conf'), vicedir: p.vicedir, scm: a.scm, scmName, updateToken: a.update_token, auth2Token: a.auth2_token, volutilToken: a.volutil_token,
    codatunnel: a.codatunnel, serverId: a.server_id ?? p.serverId, adminUid: a.admin_uid, adminName: a.admin_name,
    rvmLog: a.rvm_log, rvmLogSize: a.rvm_log_size, rvmData: a.rvm_data, rvmDataSize: a.rvm_data_size, partition: p.partition, maxFiles: a.max_files,
  };
}

function rememberSecrets(ctx: ModuleContext, a: Args): void {
  for (const s of [a.update_token, a.auth2_token, a.volutil_token]) if (s && !ctx.secrets.includes(s)) ctx.secrets.push(s);
}

export const viceSetup: ModuleDefinition<typeof schema> = {
  name: 'vice_setup',
  summary: 'Set up a Coda server from a bare host: vice-setup fed declared answers prompt by prompt, then updateclnt and auth2',
  schema,
  async probe(ctx, a) {
    rememberSecrets(ctx, a);
    const s = await probeSetup(ctx, a);
    const force = a.force || ctx.vars.force_setup === true || ctx.vars.force_setup === 'true';
    const daemonChanges = [...(s.daemons.updateclnt ? [] : ['start updateclnt']), ...(s.daemons.auth2 ? [] : ['start auth2'])];
    if (s.missing.length === 0) {
      if (daemonChanges.length === 0) return { changes: [], reason: `already set up (${s.present.join(', ')}); updateclnt and auth2 running` };
      return { changes: daemonChanges, reason: `set up; ${daemonChanges.join(' and ')}`, state: { ...s, runSetup: false } };
    }
    if (s.present.length > 0 && !force) {
      throw new CodaStepError(`${ctx.host.name} is half set up: it has ${s.present.join(', ')} but lacks ${s.missing.join(', ')} (an earlier vice-setup died?)`, {
        hint: 'vice-setup wipes the RVM log and data; if that is what you want, rerun with --force-setup (-e force_setup=true)',
      });
    }
    const steps = dialogFor(answersOf(ctx, a, s));
    return {
      changes: [`vice-setup (Coda ${s.generation}.x questions, ${steps.length} answers${s.present.length ? ', forced over a half set-up host' : ''})`, 'start updateclnt', 'start auth2'],
      reason: s.present.length ? `half set up (missing ${s.missing.join(', ')}); --force-setup given` : 'bare host: run vice-setup',
      state: { ...s, runSetup: true },
    };
  },
  async apply(ctx, a, plan) {
    rememberSecrets(ctx, a);
    const state = plan.state as SetupState & { runSetup: boolean };
    const p = codaPathsOf(ctx.host.name, ctx.vars);
    try {
      let transcriptTail = '';
      if (state.runSetup) {
        const steps = dialogFor(answersOf(ctx, a, state));
        const started = Date.now();
        const outcome = await runDialog(ctx.transport, 'vice-setup', steps, a.timeout_seconds * 1000);
        ctx.commands.push({ command: `vice-setup  (${outcome.answered} of ${steps.length} answers sent)`, code: outcome.code, durationMs: Date.now() - started });
        transcriptTail = outcome.transcript.split('\n').slice(-6).join('\n');
        if (outcome.unexpected) {
          const e = outcome.unexpected.expected;
          throw new CodaStepError(e
            ? `vice-setup asked "${outcome.unexpected.prompt.trim()}" where the ${e.label} question was expected; stopped before answering (it would have answered ${e.secret ? '********' : `"${e.answer}"`})`
            : `vice-setup asked "${outcome.unexpected.prompt.trim()}" after the last expected question; stopped without answering`, {
            hint: 'a different vice-setup version? compare its questions with src/coda/vice-setup/answers.ts', stderrTail: transcriptTail,
          });
        }
        const lastLine = outcome.transcript.split('\n').filter((l) => l.trim()).at(-1)?.trim() ?? '';
        if (!outcome.ok) throw new CodaStepError(`vice-setup exited ${outcome.code} after ${outcome.answered} answer(s)${lastLine ? `; it last printed "${lastLine}"` : ''}`, { stderrTail: transcriptTail });
      }
      const scmName = answersOf(ctx, a, state).scmName ?? '';
      const after = await probeSetup(ctx, a);
      if (!after.daemons.updateclnt) await runChecked(ctx, `nohup updateclnt -h ${q(scmName)} >/dev/null 2>&1 </dev/null &`);
      if (!after.daemons.auth2) await runChecked(ctx, 'nohup auth2 >/dev/null 2>&1 </dev/null &');
      const check = await pollDaemons(ctx, a);
      if (!check.updateclnt || !check.auth2) throw new CodaStepError(`after setup ${!check.updateclnt ? 'updateclnt' : 'auth2'} is not running on ${ctx.host.name}`, { hint: `read ${p.vicedir}/misc/UpdateClntLog` });
      return { changed: true, reason: `${state.runSetup ? 'vice-setup done; ' : ''}updateclnt -h ${scmName} and auth2 running (codasrv not started: the SCM must list this server first)`, data: { transcriptTail } };
    } catch (err) {
      return failureOf(err);
    }
  },
};

async function pollDaemons(ctx: ModuleContext, a: Args): Promise<SetupState['daemons']> {
  for (let i = 0; i < 50; i++) {
    const s = await probeSetup(ctx, a);
    if (s.daemons.updateclnt && s.daemons.auth2) return s.daemons;
    await new Promise((r) => setTimeout(r, 100));
  }
  return (await probeSetup(ctx, a)).daemons;
}
