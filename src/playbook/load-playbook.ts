// Playbook YAML -> typed plays and tasks. Every task's module and arguments are checked against the module's
// schema before anything connects; each problem names file:line. Arguments holding `{{ }}` can only be checked
// after templating: validateArgs does that at run time, with the same messages.
import type { z } from 'zod';
import type { ModuleDefinition } from '../modules/module.js';
import { ConfigError, type ConfigIssue } from './config-error.js';
import { tasksOf, type Play, type PlayItem, type Playbook, type SourceLocation, type Task } from './types.js';
import { loadYaml, type YamlSource } from './yaml-source.js';
import { checkTaskKeywords } from './task-keywords.js';
import { suggestName } from '../inventory/suggest-key.js';
import { asTags, BLOCK_KEYS, checkBlockKeywords, inheritFrom, NO_INHERIT, withInherited, type Inherited } from './block-keywords.js';

const TASK_KEYS = new Set(['name', 'when', 'register', 'loop', 'loop_control', 'with_items', 'retries', 'delay', 'until', 'changed_when', 'failed_when', 'ignore_errors', 'tags', 'become', 'timeout', 'run_once', 'delegate_to', 'vars', 'no_log', 'notify', 'listen', 'throttle']);
const PLAY_KEYS = new Set(['name', 'hosts', 'vars', 'tasks', 'handlers', 'serial', 'tags', 'gather_facts', 'become', 'any_errors_fatal']);
const META_ACTIONS = new Set(['flush_handlers']);
const FREE_FORM = new Set(['command', 'shell']);

const didYouMean = (name: string, known: Iterable<string>): string => {
  const hint = suggestName(name, known);
  return hint ? ` — did you mean '${hint}'?` : '';
};
const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const hasTemplate = (v: unknown): boolean => typeof v === 'string' ? v.includes('{{') || v.includes('{%') : Array.isArray(v) ? v.some(hasTemplate) : isMap(v) ? Object.values(v).some(hasTemplate) : false;

/** Schema problems, each with the argument it is about (its line is that key's line) when there is one. */
function schemaIssues(module: ModuleDefinition, args: Record<string, unknown>, templated: Set<string>): { key?: string; message: string }[] {
  const result = (module.schema as z.ZodType).safeParse(args);
  if (result.success) return [];
  return result.error.issues
    // An argument given as a template is checked after rendering (validateArgs), not here.
    .filter((i) => !(i.path.length > 0 && templated.has(String(i.path[0]))))
    .flatMap((i) => i.code === 'unrecognized_keys'
      ? ((i as { keys?: string[] }).keys ?? []).map((k) => ({ key: k, message: `unknown argument '${k}' for module ${module.name}` }))
      : [{ key: i.path.length ? String(i.path[0]) : undefined, message: `${i.path.length ? `argument '${i.path.join('.')}': ` : ''}${i.message}` }]);
}

/** Run-time check of rendered arguments: returns the parsed (defaulted) args or throws with the task's location. */
export function validateArgs(module: ModuleDefinition, args: Record<string, unknown>, location: SourceLocation): Record<string, unknown> {
  const result = (module.schema as z.ZodType).safeParse(args);
  if (result.success) return result.data as Record<string, unknown>;
  const problems = schemaIssues(module, args, new Set()).map((p) => ({ file: location.file, line: location.line, message: `${module.name}: ${p.message}` }));
  throw new ConfigError(problems);
}

class PlaybookReader {
  issues: ConfigIssue[] = [];
  constructor(private readonly src: YamlSource, private readonly registry: ReadonlyMap<string, ModuleDefinition> | { get(n: string): ModuleDefinition | undefined; has?(n: string): boolean }) {}

  private moduleNames(): string[] {
    return [...((this.registry as Map<string, unknown>).keys?.() ?? [])];
  }

  private has(name: string): boolean {
    return this.registry.get(name) !== undefined;
  }

  private at(node: unknown, key?: string): SourceLocation {
    return { file: this.src.file, line: key ? this.src.keyLine(node, key) : this.src.lineOf(node) };
  }

  private issue(node: unknown, key: string | undefined, message: string): void {
    const l = this.at(node, key);
    this.issues.push({ file: l.file, line: l.line, message });
  }

  readPlay(node: unknown, index: number, parent: unknown): Play | null {
    if (!isMap(node)) {
      this.issues.push({ file: this.src.file, line: this.src.lineOf(parent), message: `play ${index + 1}: expected a mapping with name, hosts and tasks` });
      return null;
    }
    for (const k of Object.keys(node)) if (!PLAY_KEYS.has(k)) this.issue(node, k, `play ${index + 1}: unknown key '${k}'${didYouMean(k, PLAY_KEYS) || ` (expected one of ${[...PLAY_KEYS].join(', ')})`}`);
    if (typeof node.hosts !== 'string' || !node.hosts.trim()) this.issue(node, undefined, `play ${index + 1}: 'hosts' is required (a host pattern such as scm or servers:!scm)`);
    if (node.vars !== undefined && !isMap(node.vars)) this.issue(node, 'vars', 'play vars must be a mapping');
    if (!Array.isArray(node.tasks)) this.issue(node, node.tasks === undefined ? undefined : 'tasks', `play ${index + 1}: 'tasks' must be a list of tasks`);
    // The play's become reaches every task (and handler) that does not say otherwise.
    const playInherit: Inherited = typeof node.become === 'boolean' ? { ...NO_INHERIT, become: node.become } : NO_INHERIT;
    const tasks = Array.isArray(node.tasks) ? this.readItems(node.tasks, playInherit) : [];
    if (node.handlers !== undefined && !Array.isArray(node.handlers)) this.issue(node, 'handlers', `play ${index + 1}: 'handlers' must be a list of tasks`);
    const handlers = Array.isArray(node.handlers) ? node.handlers.map((t) => this.readTask(t, node.handlers, playInherit)).filter((t): t is Task => t !== null) : [];
    this.checkNotify(tasks, handlers);
    if (node.any_errors_fatal !== undefined && typeof node.any_errors_fatal !== 'boolean') this.issue(node, 'any_errors_fatal', `play ${index + 1}: any_errors_fatal must be true or false`);
    return {
      name: typeof node.name === 'string' ? node.name : `play ${index + 1}`,
      hosts: typeof node.hosts === 'string' ? node.hosts : '',
      vars: isMap(node.vars) ? node.vars : {},
      tasks,
      serial: typeof node.serial === 'number' ? node.serial : undefined,
      tags: asTags(node.tags),
      location: this.at(node),
      handlers,
      anyErrorsFatal: node.any_errors_fatal === true,
    };
  }

  /** A task list: tasks and blocks (a mapping with a `block` key), blocks read recursively. */
  readItems(list: unknown[], inherit: Inherited): PlayItem[] {
    return list.map((n) => (isMap(n) && 'block' in n ? this.readBlock(n, inherit) : this.readTask(n, list, inherit))).filter((t): t is PlayItem => t !== null);
  }

  readBlock(node: Record<string, unknown>, inherit: Inherited): PlayItem {
    for (const k of Object.keys(node)) if (!BLOCK_KEYS.has(k)) this.issue(node, k, `block: unknown key '${k}' (expected one of ${[...BLOCK_KEYS].join(', ')})`);
    for (const [key, message] of checkBlockKeywords(node)) this.issue(node, key, `block${typeof node.name === 'string' ? ` "${node.name}"` : ''}: ${message}`);
    const inner = inheritFrom(inherit, node);
    const section = (key: 'block' | 'rescue' | 'always'): PlayItem[] => (Array.isArray(node[key]) ? this.readItems(node[key] as unknown[], inner) : []);
    const location = this.at(node);
    return { kind: 'block', name: typeof node.name === 'string' ? node.name : `block at line ${location.line}`, block: section('block'), rescue: section('rescue'), always: section('always'), location };
  }

  /** Every notify names a handler or a listen topic of this play (Ansible finds out only when it notifies). */
  checkNotify(items: PlayItem[], handlers: Task[]): void {
    const known = new Set(handlers.flatMap((h) => [h.name, ...(h.listen ?? [])]));
    for (const t of [...tasksOf(items), ...handlers]) {
      for (const n of t.notify ?? []) {
        if (!known.has(n)) this.issues.push({ ...t.location, message: `task "${t.name}": notify '${n}' names no handler of this play${known.size ? ` (handlers and topics: ${[...known].join(', ')})` : ''}` });
      }
    }
  }

  readTask(node: unknown, parent: unknown, inherit: Inherited): Task | null {
    if (!isMap(node)) {
      this.issues.push({ file: this.src.file, line: this.src.lineOf(parent), message: 'a task must be a mapping with a name and one module' });
      return null;
    }
    const location = this.at(node);
    // A key that is neither a keyword nor a module but is close to a keyword is a misspelt keyword (regsiter).
    const others = Object.keys(node).filter((k) => !TASK_KEYS.has(k));
    const misspelt = others.filter((k) => !this.has(k) && suggestName(k, TASK_KEYS) !== null && (others.length > 1 || suggestName(k, this.moduleNames()) === null));
    for (const k of misspelt) this.issue(node, k, `task "${String(node.name)}": unknown keyword '${k}'${didYouMean(k, TASK_KEYS)}`);
    const modules = others.filter((k) => !misspelt.includes(k));
    if (!('meta' in node) && (typeof node.name !== 'string' || !node.name.trim())) this.issue(node, undefined, 'every task needs a name (what it does, in words)');
    if (modules.length !== 1) {
      const hints = modules.map((m) => `${m}${this.has(m) ? '' : didYouMean(m, [...TASK_KEYS, ...this.moduleNames()])}`);
      if (modules.length > 1 || misspelt.length === 0) this.issue(node, modules[1], modules.length === 0 ? `task "${String(node.name)}": no module (known: ${this.moduleNames().join(', ')})` : `task "${String(node.name)}": more than one module or an unknown key: ${hints.join(', ')}`);
      return null;
    }
    const moduleName = modules[0]!;
    if (moduleName === 'meta') return this.readMeta(node, location, inherit);
    const module = this.registry.get(moduleName);
    let args: Record<string, unknown> = {};
    const rawArgs = node[moduleName];
    if (FREE_FORM.has(moduleName) && typeof rawArgs === 'string') args = { cmd: rawArgs };
    else if (rawArgs === null || rawArgs === undefined) args = {};
    else if (isMap(rawArgs)) args = rawArgs;
    else this.issue(node, moduleName, `module ${moduleName}: arguments must be a mapping${FREE_FORM.has(moduleName) ? ' or a command line' : ''}`);
    if (!module) this.issue(node, moduleName, `unknown module '${moduleName}'${didYouMean(moduleName, this.moduleNames())}`);
    else if (args === rawArgs || rawArgs === null || rawArgs === undefined || typeof rawArgs === 'string') {
      const templated = new Set(Object.keys(args).filter((k) => hasTemplate(args[k])));
      const fixed = Object.fromEntries(Object.entries(args).filter(([k]) => !templated.has(k)));
      for (const p of schemaIssues(module, fixed, templated)) {
        this.issue(isMap(rawArgs) ? rawArgs : node, isMap(rawArgs) ? p.key : moduleName, `module ${moduleName}: ${p.message}`);
      }
    }
    const loopControl = isMap(node.loop_control) ? node.loop_control : {};
    for (const [key, message] of checkTaskKeywords(Object.fromEntries(Object.entries(node).filter(([k]) => k !== moduleName)))) this.issue(node, key, `task "${String(node.name)}": ${message}`);
    const num = (k: string): number | undefined => (typeof node[k] === 'number' ? (node[k] as number) : undefined);
    return withInherited(inherit, {
      name: typeof node.name === 'string' ? node.name : moduleName,
      module: moduleName,
      args,
      when: node.when as string | string[] | undefined,
      register: typeof node.register === 'string' ? node.register : undefined,
      loop: (node.loop ?? node.with_items) as unknown[] | string | undefined,
      loopVar: typeof loopControl.loop_var === 'string' ? loopControl.loop_var : 'item',
      retries: num('retries'),
      delaySeconds: num('delay'),
      until: typeof node.until === 'string' ? node.until : undefined,
      changedWhen: node.changed_when as string | boolean | undefined,
      failedWhen: node.failed_when as string | boolean | undefined,
      ignoreErrors: node.ignore_errors === true,
      tags: asTags(node.tags),
      become: typeof node.become === 'boolean' ? node.become : undefined,
      timeoutSeconds: num('timeout'),
      runOnce: node.run_once === true,
      delegateTo: typeof node.delegate_to === 'string' ? node.delegate_to : undefined,
      throttle: num('throttle'),
      notify: node.notify === undefined ? undefined : asTags(node.notify),
      listen: node.listen === undefined ? undefined : asTags(node.listen),
      location,
    });
  }

  /** `meta: flush_handlers`, the one meta action the engine knows. */
  readMeta(node: Record<string, unknown>, location: SourceLocation, inherit: Inherited): Task | null {
    const action = node.meta;
    if (typeof action !== 'string' || !META_ACTIONS.has(action)) {
      this.issue(node, 'meta', `meta: unknown action ${JSON.stringify(action)} (known: ${[...META_ACTIONS].join(', ')})`);
      return null;
    }
    return withInherited(inherit, { name: typeof node.name === 'string' ? node.name : `meta: ${action}`, module: 'meta', args: { action }, loopVar: 'item', ignoreErrors: false, tags: asTags(node.tags), become: false, runOnce: false, when: node.when as string | string[] | undefined, location });
  }
}


export function loadPlaybook(file: string, registry: ReadonlyMap<string, ModuleDefinition>, text?: string): Playbook {
  const src = loadYaml(file, text);
  if (!Array.isArray(src.doc)) throw new ConfigError([{ file, line: 1, message: 'a playbook is a list of plays (- name: …, hosts: …, tasks: […])' }]);
  const reader = new PlaybookReader(src, registry);
  const plays = src.doc.map((p, i) => reader.readPlay(p, i, src.doc)).filter((p): p is Play => p !== null);
  if (reader.issues.length) throw new ConfigError(reader.issues);
  return { file, plays };
}
