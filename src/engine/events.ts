// What the engine tells the world while it runs. Reporters (report/) subscribe; the engine never prints.
import type { HostStats, TaskResult } from './result.js';

export type RunEvent =
  | { type: 'run-start'; playbook: string; check: boolean; hosts: string[] }
  | { type: 'play-start'; play: string; hosts: string[] }
  | { type: 'task-start'; play: string; task: string; hosts: string[]; location: string }
  | { type: 'host-task-start'; task: string; host: string }
  | { type: 'host-task-note'; task: string; host: string; text: string }
  | { type: 'host-task-result'; result: TaskResult }
  | { type: 'task-end'; task: string }
  | { type: 'play-end'; play: string }
  /** The run stops early: every host of a play (batch) failed, as ansible-playbook's "NO MORE HOSTS LEFT". */
  | { type: 'run-stop'; reason: string }
  | { type: 'run-end'; stats: Record<string, HostStats>; exitCode: number; interrupted: boolean };

export type RunListener = (event: RunEvent) => void;
