// Picks the reporter: --json → one JSON document; a TTY without CI → listr2; otherwise plain lines.
import type { Reporter, ReporterOptions, Sink } from './plain-reporter.js';
import { createPlainReporter } from './plain-reporter.js';
import { createJsonReporter } from './json-reporter.js';
import { createListrReporter } from './listr-reporter.js';

export type { Reporter, ReporterOptions, Sink } from './plain-reporter.js';

export function createReporter(o: ReporterOptions & { json: boolean; out: Sink & { isTTY?: boolean }; env?: NodeJS.ProcessEnv }): Reporter {
  if (o.json) return createJsonReporter(o.out, o.secrets);
  const env = o.env ?? process.env;
  if (o.out.isTTY && !env.CI) return createListrReporter(o.out, o);
  return createPlainReporter(o.out, o);
}
