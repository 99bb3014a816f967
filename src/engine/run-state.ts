// What a run remembers between tasks and plays: which hosts are out, what they registered, which handlers they
// notified, and whether the run is stopping (Ctrl-C, or any_errors_fatal) — the engine then starts only the
// `always` sections of the blocks it is in.
import type { Task } from '../playbook/types.js';
import type { TaskResult } from './result.js';

export interface RunState {
  /** Hosts that failed or were unreachable: they run nothing more (except `always` sections, if reachable). */
  out: Set<string>;
  /** Unreachable hosts: not even `always` sections run there. */
  unreachable: Set<string>;
  /** register values (and ansible_failed_task/result) per host. */
  registered: Map<string, Record<string, unknown>>;
  /** --start-at-task: false until the named task is reached. */
  started: boolean;
  interrupted: boolean;
  /** A host failed in an any_errors_fatal play: every host leaves the play's normal tasks. */
  fatal: boolean;
  /** Every host of a play's batch failed: later plays must not run (ansible-playbook stops there too). */
  stopped: boolean;
  /** > 0 while running an `always` section: a stopping run still runs these. */
  alwaysDepth: number;
  /** > 0 while inside a block that has a rescue: a failure there is not fatal to the play. */
  rescueDepth: number;
  /** The last failed task and its result per host, for ansible_failed_task / ansible_failed_result. */
  lastFailure: Map<string, { task: Task; result: TaskResult }>;
  /** Handler -> hosts that notified it (by its name or a listen topic) since its last run. */
  notified: Map<Task, Set<string>>;
  secrets: string[];
  /** The run's module store (ModuleContext.runStore): the cell model check mode carries from task to task. */
  store: Map<string, unknown>;
  record(result: TaskResult): void;
  /** A failure of this host is rescued: counted as rescued, not failed (Ansible's recap). */
  rescue(host: string): void;
}

export function newRunState(over: Pick<RunState, 'started' | 'secrets' | 'record' | 'rescue'>): RunState {
  return {
    out: new Set(), unreachable: new Set(), registered: new Map(), interrupted: false, fatal: false, stopped: false,
    alwaysDepth: 0, rescueDepth: 0, lastFailure: new Map(), notified: new Map(), store: new Map(), ...over,
  };
}

/** Whether normal tasks may start: not after Ctrl-C or a fatal failure, except inside an `always` section. */
export function mayStart(state: RunState, signal: AbortSignal | undefined): boolean {
  if (signal?.aborted) state.interrupted = true;
  return state.alwaysDepth > 0 || !(state.interrupted || state.fatal);
}
