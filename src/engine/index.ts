// Public surface of the engine.
export { runPlaybook, RunOptionsError, hostsOfPlay, type RunOutcome } from './run-playbook.js';
export { defaultRunOptions, type RunContext, type RunOptions, type EngineHelpers, type ModuleRegistry } from './run-context.js';
export { EXIT, exitCodeFor, countResult } from './stats.js';
export { describeExit, isUnreachable } from './task-errors.js';
export type { RunEvent, RunListener } from './events.js';
export type { TaskResult, HostStats, FileDiff } from './result.js';
