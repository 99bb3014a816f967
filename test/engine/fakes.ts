// Fakes for engine tests: an in-memory transport, tiny modules, nunjucks-based templating and a hand-built
// inventory/playbook, so every engine rule can be tested without SSH.
import nunjucks from 'nunjucks';
import { z } from 'zod';
import type { Inventory, InventoryHost } from '../../src/inventory/types.js';
import type { ModuleDefinition } from '../../src/modules/module.js';
import type { Play, PlayItem, Playbook, Task } from '../../src/playbook/types.js';
import { TransportError, type Transport } from '../../src/transport/transport.js';
import { defaultRunOptions, type EngineHelpers, type RunContext, type RunOptions } from '../../src/engine/run-context.js';
import type { RunEvent } from '../../src/engine/events.js';

const env = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: true });

function render(value: unknown, vars: Record<string, unknown>): unknown {
  if (typeof value === 'string') {
    const whole = /^\{\{(.*)\}\}$/s.exec(value.trim());
    if (whole) return JSON.parse(env.renderString(`{{ (${whole[1]}) | dump }}`, vars));
    return value.includes('{{') ? env.renderString(value, vars) : value;
  }
  if (Array.isArray(value)) return value.map((v) => render(v, vars));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, render(v, vars)]));
  return value;
}

export const helpers: EngineHelpers = {
  renderValue: render,
  evalCondition: (expr, vars) => typeof expr === 'boolean' ? expr : env.renderString(`{% if ${expr} %}1{% endif %}`, vars) === '1',
  selectHosts: (inv, pattern) => {
    const names = new Set(pattern.split(/[:,]/).flatMap((p) => inv.groups.get(p) ?? (inv.hosts.has(p) ? [p] : [])));
    return [...inv.hosts.keys()].filter((h) => names.has(h));
  },
  become: (t) => t,
};

/** Per-host in-memory state: files, a log of commands, and switches to fail. */
export class FakeTransport implements Transport {
  files = new Map<string, string>();
  log: string[] = [];
  constructor(readonly host: string, private readonly opts: { unreachable?: boolean; dropAfter?: number } = {}) {}
  async connect() { if (this.opts.unreachable) throw new TransportError('connect', this.host, 'connection refused'); }
  async exec(command: string) {
    if (this.opts.dropAfter !== undefined && this.log.length >= this.opts.dropAfter) throw new TransportError('exec', this.host, 'not connected');
    this.log.push(command);
    return { code: 0, signal: null, stdout: `${this.host}:${command}\n`, stderr: '' };
  }
  async readFile(path: string) { const f = this.files.get(path); return f === undefined ? null : Buffer.from(f); }
  async stat(path: string) { return { exists: this.files.has(path) }; }
  async writeFileAtomic(path: string, data: string | Buffer) { this.files.set(path, String(data)); return {}; }
  closed = false;
  async close() { this.closed = true; }
}

function def<S extends z.ZodType>(m: ModuleDefinition<S>): ModuleDefinition { return m as unknown as ModuleDefinition; }

/** `line`: ensure a file holds a text (check-mode safe); `run`: a command (not check-mode safe); `fail`. */
export const modules = new Map<string, ModuleDefinition>([
  ['line', def({
    name: 'line', summary: 'ensure file content', checkModeSafe: true,
    schema: z.object({ path: z.string(), text: z.string() }).strict(),
    async probe(ctx, a) {
      const before = (await ctx.transport.readFile(a.path))?.toString() ?? '';
      if (before === a.text) return { changes: [], reason: `${a.path} is up to date`, data: { content: before } };
      return { changes: [`write ${a.path}`], reason: `would write ${a.path}`, diff: [{ path: a.path, before, after: a.text }] };
    },
    async apply(ctx, a, plan) {
      await ctx.transport.writeFileAtomic(a.path, a.text);
      return { changed: true, reason: `wrote ${a.path}`, diff: plan.diff, data: { content: a.text } };
    },
  })],
  ['run', def({
    name: 'run', summary: 'run a command', schema: z.object({ cmd: z.string(), rc: z.number().default(0) }).strict(),
    async probe(_ctx, a) { return { changes: [a.cmd], reason: `would run ${a.cmd}` }; },
    async apply(ctx, a) {
      const r = await ctx.transport.exec(a.cmd, { timeoutMs: ctx.timeoutMs });
      ctx.commands.push({ command: a.cmd, code: a.rc, durationMs: 0 });
      const failed = a.rc !== 0;
      return { changed: true, failed, reason: failed ? `exit ${a.rc}` : 'ran', data: { stdout: r.stdout, rc: a.rc }, error: failed ? { message: `${a.cmd} failed`, command: a.cmd } : undefined };
    },
  })],
]);

export function makeInventory(names: string[], groups: Record<string, string[]> = {}): Inventory {
  const hosts = new Map<string, InventoryHost>(names.map((n) => [n, { name: n, address: n, port: 22, user: 'u', connection: 'ssh', groups: ['all'], vars: { who: n }, location: 'inv.yaml:1' }]));
  return { file: 'inv.yaml', hosts, groups: new Map([['all', names], ...Object.entries(groups)]) };
}

let line = 1;
export function task(name: string, module: string, args: Record<string, unknown>, extra: Partial<Task> = {}): Task {
  return { name, module, args, loopVar: 'item', ignoreErrors: false, tags: [], become: false, runOnce: false, location: { file: 'pb.yaml', line: line++ }, ...extra };
}

export function play(tasks: PlayItem[], extra: Partial<Play> = {}): Play {
  return { name: 'play', hosts: 'all', vars: {}, tasks, tags: [], location: { file: 'pb.yaml', line: 1 }, ...extra };
}

export interface Harness { ctx: RunContext; events: RunEvent[]; transports: Map<string, FakeTransport> }

export function harness(plays: Play[], hosts = ['h1', 'h2', 'h3'], options: Partial<RunOptions> = {}, transportOpts: Record<string, { unreachable?: boolean; dropAfter?: number }> = {}): Harness {
  const events: RunEvent[] = [];
  const transports = new Map<string, FakeTransport>(hosts.map((h) => [h, new FakeTransport(h, transportOpts[h])]));
  const playbook: Playbook = { file: 'pb.yaml', plays };
  const ctx: RunContext = {
    playbook, inventory: makeInventory(hosts), registry: modules, options: defaultRunOptions(options), helpers,
    createTransport: (h) => transports.get(h.name)!, listener: (e) => events.push(e),
  };
  return { ctx, events, transports };
}

export function results(events: RunEvent[]) {
  return events.flatMap((e) => (e.type === 'host-task-result' ? [e.result] : []));
}
