// bldvldb.sh's output (REFERENCE §7.4, OBSERVED.md). It exits 0 even when a server failed (it then keeps that
// server's stale cached list), so reading these lines is the only way to know which servers were refreshed.

export interface BldvldbServer {
  line: number;
  name: string;
  ok: boolean;
}

export interface BldvldbResult {
  servers: BldvldbServer[];
  /** Names of the servers whose list was not fetched. */
  failed: string[];
  /** makevldb printed `VLDB completed.`. */
  vldbCompleted: boolean;
  /** Saw `Fetching volume lists from servers:` (absent when bldvldb.sh could not start). */
  started: boolean;
}

export function parseBldvldbOutput(text: string): BldvldbResult {
  const servers: BldvldbServer[] = [];
  text.split(/\r?\n/).forEach((l, i) => {
    const m = /^ (\S+) - (success|FAILED, check if coda server is running)$/.exec(l);
    if (m) servers.push({ line: i + 1, name: m[1]!, ok: m[2] === 'success' });
  });
  return {
    servers,
    failed: servers.filter((s) => !s.ok).map((s) => s.name),
    vldbCompleted: /^VLDB completed\.$/m.test(text),
    started: /^Fetching volume lists from servers:$/m.test(text),
  };
}

/** Why the run did not refresh every wanted server and build the VLDB, or undefined when it did. */
export function bldvldbProblem(result: BldvldbResult, wanted: readonly string[] = []): string | undefined {
  if (!result.started) return 'bldvldb.sh did not start fetching volume lists';
  if (result.failed.length) return `bldvldb.sh could not fetch the volume list of ${result.failed.join(', ')} (is codasrv running there?)`;
  const missing = wanted.filter((w) => !result.servers.some((s) => s.name === w));
  if (missing.length) return `bldvldb.sh did not fetch ${missing.join(', ')} (not matched in the servers file?)`;
  if (!result.vldbCompleted) return 'bldvldb.sh did not print "VLDB completed."';
  return undefined;
}
