// Which tasks run: --tags/--skip-tags with Ansible's special tags (always, never, tagged, untagged, all) and
// --start-at-task (tasks before the named one are left out, silently, as in Ansible).
import { tasksOf, type Play, type Playbook, type Task } from '../playbook/types.js';

export function effectiveTags(play: Play, task: Task): string[] {
  return [...new Set([...play.tags, ...task.tags])];
}

export function selectedByTags(tags: string[], only: string[], skip: string[]): boolean {
  const has = (t: string) => tags.includes(t);
  const hits = (list: string[]) =>
    list.some((t) => has(t) || (t === 'tagged' && tags.length > 0) || (t === 'untagged' && tags.length === 0));
  if (skip.length > 0 && hits(skip)) return false;
  if (has('always')) return true;
  const wanted = only.filter((t) => t !== 'all');
  if (has('never')) return wanted.length > 0 && hits(wanted.filter((t) => t !== 'tagged'));
  if (wanted.length === 0) return true;
  return hits(wanted);
}

/** Error message when --start-at-task names no task; null when it is fine. */
export function checkStartAtTask(playbook: Playbook, name: string | undefined): string | null {
  if (!name) return null;
  const all = playbook.plays.flatMap((p) => tasksOf(p.tasks).map((t) => t.name));
  if (all.includes(name)) return null;
  return `--start-at-task: no task named "${name}" in ${playbook.file}; tasks are: ${all.map((n) => `"${n}"`).join(', ')}`;
}
