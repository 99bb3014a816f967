// What a server answered once the databases it serves were final, kept in the run's store for coda_verify, so the
// evidence report reuses a proof instead of asking the same getvolinfo question again (the engine keeps
// `evidence:` keys when it forgets cached facts after a change).
import type { ModuleContext } from '../../modules/module.js';

/** getvolinfo calls to one server at once: codasrv answers them on its worker LWPs (server.conf `lwps`, 10 by default per Coda's server.conf.ex), and 8 stays within those and is the most exec channels codaplay opens per host. */
export const PROOF_LANES = 8;

const keyOf = (server: string): string => `evidence:getvolinfo:${server.toLowerCase()}`;

/** Record `volume -> getvolinfo output` answered by `server` (merged with what was recorded before). */
export function recordEvidence(ctx: ModuleContext, server: string, answers: Map<string, string>): void {
  if (!ctx.runStore || ctx.check || answers.size === 0) return;
  const known = (ctx.runStore.get(keyOf(server)) as Map<string, string> | undefined) ?? new Map<string, string>();
  for (const [volume, output] of answers) known.set(volume, output);
  ctx.runStore.set(keyOf(server), known);
}

/** The recorded answer of `server` for `volume`, if this run recorded one. */
export function recordedEvidence(ctx: ModuleContext, server: string, volume: string): string | undefined {
  return (ctx.runStore?.get(keyOf(server)) as Map<string, string> | undefined)?.get(volume);
}

const whereisKey = (client: string, command: string): string => `evidence:whereis:${client}:${command}`;

/** A client's `cfs whereis …` output after its walk (coda_client_sync): what coda_verify would ask it again. */
export function recordWhereis(ctx: ModuleContext, client: string, command: string, stdout: string): void {
  if (!ctx.runStore || ctx.check) return;
  ctx.runStore.set(whereisKey(client, command), stdout);
}

export function recordedWhereis(ctx: ModuleContext, client: string, command: string): string | undefined {
  return ctx.runStore?.get(whereisKey(client, command)) as string | undefined;
}
