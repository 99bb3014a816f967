// Typed playbook after loading and validation. Every task keeps its file:line for error messages.

export interface SourceLocation {
  file: string;
  line: number;
}

export interface Task {
  name: string;
  /** Module name and its raw (untemplated) arguments. */
  module: string;
  args: Record<string, unknown>;
  when?: string | string[];
  register?: string;
  /** A list, or a template string that renders to a list. */
  loop?: unknown[] | string;
  loopVar: string;
  retries?: number;
  delaySeconds?: number;
  until?: string;
  changedWhen?: string | boolean;
  failedWhen?: string | boolean;
  ignoreErrors: boolean;
  tags: string[];
  /** Absent: the play's `become`, else the host's ansible_become decides. */
  become?: boolean;
  timeoutSeconds?: number;
  /** Hosts of the play this task runs on once only (first host), like Ansible's run_once. */
  runOnce: boolean;
  /** Run this task on another inventory host (its transport) on behalf of the current host. */
  delegateTo?: string;
  location: SourceLocation;
}

export interface Play {
  name: string;
  /** Host pattern: group or host names, ':' or ',' separated, '!' to exclude, '&' to intersect. */
  hosts: string;
  vars: Record<string, unknown>;
  tasks: Task[];
  /** Run hosts one at a time (Ansible's serial: 1), e.g. server restarts. */
  serial?: number;
  tags: string[];
  location: SourceLocation;
}

export interface Playbook {
  file: string;
  plays: Play[];
}
