// The work of `codaplay run`, loaded only when run is the command. The hosts' SSH connections are opened as soon as
// the inventory and the plays' host patterns are known, and open while the rest of codaplay loads (the modules,
// the engine, the reporter: about 0.3 s of a small job's run that the handshakes now overlap).
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ArgumentsCamelCase } from 'yargs';
import type { TransportPool } from '../engine/transport-pool.js';
import { CliError, EXIT } from './cli-error.js';
import { resolvePlaybookPath } from './playbook-path.js';
import type { RunArgs } from './run-command.js';

const splitList = (v: string[] | undefined) => (v ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);

/**
 * Start connecting to every host the plays target (after --limit), before the project is validated. Anything
 * unusual (a file that does not parse, a templated or non-string `hosts`, a bad limit) skips this: the normal
 * path then reports it as before. Connection failures stay in the pool and surface as unreachable, as ever.
 */
async function openEarly(playbookPath: string, a: ArgumentsCamelCase<RunArgs>): Promise<TransportPool | undefined> {
  try {
    const [{ loadInventory }, { selectHosts }, { resolveLimit }, { TransportPool: Pool }, { createTransportFactory }, yaml] = await Promise.all([
      import('../inventory/load-inventory.js'), import('../inventory/host-pattern.js'), import('../inventory/limit.js'),
      import('../engine/transport-pool.js'), import('../transport/create-transport.js'), import('js-yaml'),
    ]);
    const plays = yaml.load(readFileSync(playbookPath, 'utf8'));
    const patterns = Array.isArray(plays) ? plays.map((p: unknown) => (p && typeof p === 'object' ? (p as { hosts?: unknown }).hosts : undefined)) : [];
    if (patterns.length === 0 || !patterns.every((p): p is string => typeof p === 'string' && !p.includes('{{'))) return undefined;
    const inventory = loadInventory(a.inventory, undefined, { playbookDir: dirname(playbookPath) });
    let hosts = [...new Set(patterns.flatMap((p) => selectHosts(inventory, p)))];
    if (a.limit !== undefined) {
      const limit = resolveLimit(inventory, a.limit);
      if (limit.error || !limit.pattern) return undefined;
      const allowed = new Set(selectHosts(inventory, limit.pattern));
      hosts = hosts.filter((h) => allowed.has(h));
    }
    const pool = new Pool(inventory, createTransportFactory({ acceptNewHostKeys: a['accept-new-host-keys'], sshConfigFile: a['ssh-config'] }));
    void pool.openAll(hosts);
    return pool;
  } catch {
    return undefined;
  }
}

export async function runHandler(a: ArgumentsCamelCase<RunArgs>): Promise<void> {
  const playbookPath = resolvePlaybookPath(a.playbook);
  const pool = await openEarly(playbookPath, a);
  try {
    const [{ loadProject, projectHelpers, transportFactory }, { runPlaybook, RunOptionsError }, { createReporter }, { applyLimitOption, printInventoryWarnings }] = await Promise.all([
      import('./project.js'), import('../engine/run-playbook.js'), import('../report/create-reporter.js'), import('./limit-option.js'),
    ]);
    const project = await loadProject(playbookPath, a.inventory, [...(a['extra-vars'] ?? []), ...(a['force-setup'] ? ['force_setup=true'] : [])]);
    printInventoryWarnings(project.inventory);
    const limit = applyLimitOption(project.inventory, a.limit);
    const ac = new AbortController();
    const onSigint = () => {
      ac.abort();
      process.stderr.write('\ncodaplay: interrupted: finishing the running task, then only the always sections of the blocks it is in (cleanup such as releasing a lock); Ctrl-C again to stop now\n');
      process.once('SIGINT', () => process.exit(EXIT.interrupted));
    };
    process.once('SIGINT', onSigint);
    const secrets = [...project.inventory.hosts.values()].flatMap((h) => (h.becomePassword ? [h.becomePassword] : []));
    const reporter = await createReporter({ json: a.json, out: process.stdout, diff: a.diff, verbosity: a.verbose ?? 0, secrets });
    try {
      const outcome = await runPlaybook({
        playbook: project.playbook, inventory: project.inventory, registry: project.registry,
        options: {
          check: a.check, diff: a.diff, limit, tags: splitList(a.tags), skipTags: splitList(a['skip-tags']),
          startAtTask: a['start-at-task'], extraVars: project.extraVars, forks: a.forks,
          acceptNewHostKeys: a['accept-new-host-keys'], verbosity: a.verbose ?? 0, signal: ac.signal, secrets, forceHandlers: a['force-handlers'],
        },
        helpers: projectHelpers(), createTransport: transportFactory(a['accept-new-host-keys'], a['ssh-config']), listener: reporter.listener,
        pool,
      });
      await reporter.done();
      process.exitCode = outcome.exitCode;
    } catch (err) {
      if (err instanceof RunOptionsError) throw new CliError(EXIT.badOptions, err.message);
      throw err;
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
  } finally {
    // The engine closes them at its end; bad files or options stop the run before it owns them (closeAll twice is harmless).
    await pool?.closeAll();
  }
}
