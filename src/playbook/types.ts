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
  /** Hosts at once for this task only (Ansible's throttle), e.g. restarting servers one by one. */
  throttle?: number;
  /** Handler names or `listen` topics to notify when this task reports changed on a host. */
  notify?: string[];
  /** Handlers only: extra topics this handler answers besides its name. */
  listen?: string[];
  location: SourceLocation;
}

/** Ansible's block: `block` runs in order; a host that fails in it runs `rescue`; `always` runs for every host
 * that entered. when/tags/become of the block are already merged into its tasks by the loader. */
export interface Block {
  kind: 'block';
  name: string;
  block: PlayItem[];
  rescue: PlayItem[];
  always: PlayItem[];
  location: SourceLocation;
}

export type PlayItem = Task | Block;

export function isBlock(item: PlayItem): item is Block {
  return (item as Block).kind === 'block';
}

/** Every task of a list of items, blocks flattened in source order (block, rescue, always). */
export function tasksOf(items: PlayItem[]): Task[] {
  return items.flatMap((i) => (isBlock(i) ? [...tasksOf(i.block), ...tasksOf(i.rescue), ...tasksOf(i.always)] : [i]));
}

export interface Play {
  name: string;
  /** Host pattern: group or host names, ':' or ',' separated, '!' to exclude, '&' to intersect. */
  hosts: string;
  vars: Record<string, unknown>;
  tasks: PlayItem[];
  /** Run once at the end of the play (or at `meta: flush_handlers`) on the hosts that notified them, in this order. */
  handlers?: Task[];
  /** One host failing (outside a block's rescue) ends the play for every host; `always` sections still run. */
  anyErrorsFatal?: boolean;
  /** Run hosts one at a time (Ansible's serial: 1), e.g. server restarts. */
  serial?: number;
  tags: string[];
  location: SourceLocation;
}

export interface Playbook {
  file: string;
  plays: Play[];
}
