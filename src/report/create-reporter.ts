// Picks the reporter: --json → one JSON document; a TTY without CI → listr2; otherwise plain lines. Each is loaded
// only when picked: listr2 and its terminal helpers cost ~0.06 s of start-up that a --json or CI run never uses.
import type { Reporter, ReporterOptions, Sink } from './plain-reporter.js';

export type { Reporter, ReporterOptions, Sink } from './plain-reporter.js';

export async function createReporter(o: ReporterOptions & { json: boolean; out: Sink & { isTTY?: boolean }; env?: NodeJS.ProcessEnv }): Promise<Reporter> {
  if (o.json) return (await import('./json-reporter.js')).createJsonReporter(o.out, o.secrets);
  const env = o.env ?? process.env;
  if (o.out.isTTY && !env.CI) return (await import('./listr-reporter.js')).createListrReporter(o.out, o);
  return (await import('./plain-reporter.js')).createPlainReporter(o.out, o);
}
