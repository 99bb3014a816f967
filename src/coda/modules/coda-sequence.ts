// Dependent Coda commands in ONE exec channel. Each exec costs a round trip and an sshd session (30–70 ms on a
// real cell), which is codaplay's overhead, not Coda's: a module that runs commands one after another, each only
// when the previous one went well, can send them all in one script that stops where the module would stop.
// Every step keeps its own exit status, stdout and stderr (both streams framed by markers), is recorded as its
// own command, and is judged by the module exactly as if it had run alone. A step the script did not reach comes
// back undefined: the module runs it by itself if it still wants it (runOn), so the script may stop early, never late.
import type { ModuleContext } from '../../modules/module.js';
import type { ExecResult, Transport } from '../../transport/transport.js';
import { quoteShellArg as q } from '../../util/quote.js';
import { BATCH_SCRIPT_BYTES, recordRun, runOn } from './coda-command.js';

export interface SequenceStep {
  command: string;
  /** Go on after a non-zero exit (a command the module runs without checking it). */
  mayFail?: boolean;
  /** Go on only when the command exited 0 and printed exactly this line on stdout (`All servers up`). */
  untilLine?: string;
  /** Run it in a subshell `( … )`: for a command that may `exit` (a wait loop giving up), which would end the script. */
  subshell?: boolean;
}

/** One step, or several run at once (`&`, `wait`); the next group starts only when every step of this one may go on. */
export type SequenceGroup = SequenceStep | SequenceStep[];

let scripts = 0;

// Steps run in the script's own shell (`{ …; }`), so the framing's variables are named _cp_* to stay out of the
// way of theirs; a step that runs `exit` ends the script there (it still gets that status, the rest does not run)
// unless it is marked `subshell`.

/** Marker lines: `M g STAMP` before a group; stdout `M i CODE STAMP` and stderr `M i` after step i. */
const STAMP = '"${EPOCHREALTIME:-}"';

/** Shell lines that run `onStop` unless the step may go on (its status in $_cp_r; `hasLine` tests for its untilLine). */
function gate(s: SequenceStep, onStop: string, hasLine: (line: string) => string): string[] {
  const lines: string[] = [];
  if (!s.mayFail) lines.push(`[ "$_cp_r" -eq 0 ] || ${onStop}`);
  if (s.untilLine !== undefined) lines.push(`${hasLine(s.untilLine)} || ${onStop}`);
  return lines;
}

const grouped = (s: SequenceStep): string => (s.subshell ? `( ${s.command}\n)` : `{ ${s.command} ; }`);

function stepScript(s: SequenceStep, i: number): string[] {
  const mark = [`printf '\\n%s %d %d %s\\n' "$_cp_m" ${i} "$_cp_r" ${STAMP}`, `printf '\\n%s %d\\n' "$_cp_m" ${i} >&2`];
  if (s.untilLine === undefined) return [`${grouped(s)}; _cp_r=$?`, ...mark, ...gate(s, 'exit 0', () => 'true')];
  // The gate reads what the command printed: keep it (the substitution drops trailing newlines; one is put back).
  // `case` tests for the whole line without a fork (each fork costs milliseconds on a busy host).
  const hasLine = (line: string): string => `case "\n$_cp_o\n" in *"\n"${q(line)}"\n"*) true ;; *) false ;; esac`;
  return [`_cp_o=$( ${grouped(s)} ); _cp_r=$?; [ -z "$_cp_o" ] || printf '%s\\n' "$_cp_o"`, ...mark, ...gate(s, 'exit 0', hasLine)];
}

function parallelScript(steps: SequenceStep[], first: number): string[] {
  // Each job writes its own files, so the outputs never interleave; they are printed in order after `wait`.
  const lines = ['_cp_d=$(mktemp -d) || exit 1'];
  steps.forEach((s, k) => lines.push(`( ${grouped(s)} >"$_cp_d/${k}.o" 2>"$_cp_d/${k}.e"; echo "$? \${EPOCHREALTIME:-}" >"$_cp_d/${k}.r" ) &`));
  lines.push('wait', '_cp_ok=1');
  steps.forEach((s, k) => {
    lines.push(
      // `cat` only what is there: most of these files are empty, and every fork counts.
      `_cp_r=; _cp_t=; read -r _cp_r _cp_t <"$_cp_d/${k}.r"; _cp_r=\${_cp_r:-255}; [ ! -s "$_cp_d/${k}.o" ] || cat "$_cp_d/${k}.o"`,
      `printf '\\n%s %d %d %s\\n' "$_cp_m" ${first + k} "$_cp_r" "$_cp_t"; [ ! -s "$_cp_d/${k}.e" ] || cat "$_cp_d/${k}.e" >&2; printf '\\n%s %d\\n' "$_cp_m" ${first + k} >&2`,
      ...gate(s, '_cp_ok=0', (line) => `grep -qxF -- ${q(line)} "$_cp_d/${k}.o"`),
    );
  });
  lines.push('rm -rf "$_cp_d"', '[ "$_cp_ok" = 1 ] || exit 0');
  return lines;
}

function buildScript(marker: string, groups: SequenceStep[][]): string {
  const lines = [`_cp_m=${q(marker)}`];
  let i = 0;
  for (const g of groups) {
    lines.push(`printf '%s g %s\\n' "$_cp_m" ${STAMP}`);
    lines.push(...(g.length === 1 ? stepScript(g[0]!, i) : parallelScript(g, i)));
    i += g.length;
  }
  return lines.join('\n');
}

const seconds = (stamp: string | undefined): number | undefined => {
  const n = Number((stamp ?? '').replace(',', '.'));
  return stamp && Number.isFinite(n) ? n : undefined;
};

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Run `groups` in one exec on `transport`, stopping at the first step that fails (unless mayFail) or whose
 * untilLine is missing. Returns one entry per step (groups flattened, in order): its result, or undefined when
 * the script did not run it. Groups that would take the script past BATCH_SCRIPT_BYTES are left out (undefined).
 */
export async function runSequence(ctx: ModuleContext, groups: SequenceGroup[], transport: Transport = ctx.transport, limit = BATCH_SCRIPT_BYTES): Promise<(ExecResult | undefined)[]> {
  // An empty group (no stale file to fetch, say) has nothing to frame.
  const all = groups.map((g) => (Array.isArray(g) ? g : [g])).filter((g) => g.length > 0);
  const total = all.reduce((n, g) => n + g.length, 0);
  const results: (ExecResult | undefined)[] = new Array<ExecResult | undefined>(total).fill(undefined);
  const marker = `@@codaplay-${process.pid}-${Date.now()}-${++scripts}`;
  let sent: SequenceStep[][] = [];
  for (let n = 1; n <= all.length; n++) {
    if (Buffer.byteLength(buildScript(marker, all.slice(0, n))) > limit) break;
    sent = all.slice(0, n);
  }
  // A lone command (or nothing) gains nothing from the framing: it goes as it is.
  const steps = sent.flat();
  if (steps.length === 0) return results;
  if (steps.length === 1 && sent.length === 1) {
    results[0] = await runOn(ctx, steps[0]!.command, transport);
    return results;
  }
  const started = Date.now();
  const script = await transport.exec(buildScript(marker, sent), { timeoutMs: ctx.timeoutMs, secrets: ctx.secrets });
  const elapsed = Date.now() - started;
  let out = script.stdout;
  let err = script.stderr;
  let first: number | undefined;
  let i = 0;
  for (const g of sent) {
    const head = new RegExp(`${escape(marker)} g (\\S*)\\n`).exec(out);
    if (!head) {
      // The shell stopped before this group (the module's own stop), or never started (its words on stderr).
      if (i === 0) {
        results[0] = { code: script.code ?? 255, signal: script.signal, stdout: out, stderr: err };
        recordRun(ctx, g[0]!.command, results[0], transport, started, elapsed);
      }
      break;
    }
    out = out.slice(0, head.index) + out.slice(head.index + head[0].length);
    const groupStart = seconds(head[1]);
    first ??= groupStart;
    let died = false;
    for (const s of g) {
      const mo = new RegExp(`\\n?${escape(marker)} ${i} (\\d+) (\\S*)\\n`).exec(out);
      const me = new RegExp(`\\n?${escape(marker)} ${i}\\n`).exec(err);
      let result: ExecResult;
      let end: number | undefined;
      if (mo) {
        result = { code: Number(mo[1]), signal: null, stdout: out.slice(0, mo.index), stderr: me ? err.slice(0, me.index) : err };
        out = out.slice(mo.index + mo[0].length);
        err = me ? err.slice(me.index + me[0].length) : '';
        end = seconds(mo[2]);
      } else {
        // The script ended inside this step (killed): the step that was running takes the exec's status.
        result = { code: script.code, signal: script.signal, stdout: out, stderr: err };
        died = true;
      }
      results[i] = result;
      // Times from the remote shell when it has them (bash ≥ 5); otherwise each step shows the whole exec's time.
      if (groupStart !== undefined && first !== undefined && end !== undefined) {
        recordRun(ctx, s.command, result, transport, started + Math.round((groupStart - first) * 1000), Math.round((end - groupStart) * 1000));
      } else {
        recordRun(ctx, s.command, result, transport, started, elapsed);
      }
      i++;
      if (died) return results;
    }
  }
  return results;
}
