// `codaplay ping -i inv`: open every host's connection in parallel (host keys verified), print who we are there,
// where, and the host key's SHA256 fingerprint; name each unreachable host with the reason.
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { errorInfoFrom } from '../engine/task-errors.js';
import type { Transport } from '../transport/transport.js';
import { EXIT } from './cli-error.js';
import { withExamples } from './help-examples.js';
import { inventoryOption } from './run-command.js';
import { sshConfigOption } from './ssh-config-option.js';
import { applyLimitOption, printInventoryWarnings } from './limit-option.js';

interface PingArgs { inventory: string; limit?: string; 'accept-new-host-keys': boolean; json: boolean; 'ssh-config'?: string }

export interface PingLine { host: string; ok: boolean; user?: string; address: string; fingerprint?: string; error?: string; hint?: string }

async function pingOne(t: Transport, address: string): Promise<PingLine> {
  try {
    await t.connect();
    const r = await t.exec('id -un', { timeoutMs: 10_000 });
    const extra = t as Transport & { hostKeyFingerprint?: string };
    return { host: t.host, ok: true, user: r.stdout.trim() || undefined, address, fingerprint: extra.hostKeyFingerprint ?? '(local: no host key)' };
  } catch (err) {
    const e = errorInfoFrom(err);
    return { host: t.host, ok: false, address, error: e.message, hint: e.hint };
  } finally {
    await t.close().catch(() => undefined);
  }
}

export function formatPing(lines: PingLine[]): string {
  const w = Math.max(...lines.map((l) => l.host.length));
  return lines.map((l) => l.ok
    ? `${l.host.padEnd(w)}  ok           ${l.user}@${l.address}  ${l.fingerprint}`
    : `${l.host.padEnd(w)}  UNREACHABLE  ${l.address}: ${l.error}${l.hint ? `\n${' '.repeat(w)}  hint: ${l.hint}` : ''}`).join('\n') + '\n';
}

async function handler(a: ArgumentsCamelCase<PingArgs>): Promise<void> {
  // project.js loads every module: only when this command runs (see run-handler.ts).
  const { loadInventoryOnly, projectHelpers, transportFactory } = await import('./project.js');
  const inventory = await loadInventoryOnly(a.inventory);
  printInventoryWarnings(inventory);
  const names = projectHelpers().selectHosts(inventory, applyLimitOption(inventory, a.limit) ?? 'all');
  const create = transportFactory(a['accept-new-host-keys'], a['ssh-config']);
  const lines = await Promise.all(names.map((n) => {
    const h = inventory.hosts.get(n)!;
    const t = create(h);
    return pingOne(t, h.connection === 'local' ? 'local' : (t as Transport & { endpoint?: string }).endpoint ?? `${h.address}:${h.port}`);
  }));
  process.stdout.write(a.json ? `${JSON.stringify(lines, null, 2)}\n` : formatPing(lines));
  process.exitCode = lines.every((l) => l.ok) ? EXIT.ok : EXIT.unreachable;
}

export const pingCommand: CommandModule<object, PingArgs> = {
  command: 'ping',
  describe: 'Connect to every host in parallel; print user, address and host-key SHA256 fingerprint (exit 4 if any is unreachable)',
  builder: ((y: Argv) => withExamples(sshConfigOption(inventoryOption(y))
    .option('limit', { alias: 'l', type: 'string', describe: 'Only these hosts (pattern: group or host names, or @file with one name a line)' })
    .option('accept-new-host-keys', { type: 'boolean', default: false, describe: 'Record unknown host keys in known_hosts (a changed key is always refused)' })
    .option('json', { type: 'boolean', default: false, describe: 'Print the results as JSON' }), 'ping')) as unknown as CommandModule<object, PingArgs>['builder'],
  handler,
};
