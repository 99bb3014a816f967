// --diff: unified diffs of file edits, masked of secrets (DESIGN rule 6).
import { createTwoFilesPatch } from 'diff';
import type { FileDiff } from '../engine/result.js';
import { maskSecrets } from '../util/mask.js';

export function renderDiff(d: FileDiff, secrets: readonly string[] = []): string {
  const patch = createTwoFilesPatch(`${d.path} (before)`, `${d.path} (after${d.note ? `; ${d.note}` : ''})`, maskSecrets(d.before, secrets), maskSecrets(d.after, secrets), undefined, undefined, { context: 3 });
  // Drop the "Index:"/"====" banner lines: the ---/+++ header already names the file.
  const body = patch.split('\n').filter((l) => !l.startsWith('Index:') && !/^=+$/.test(l)).join('\n');
  return d.backupPath ? `${body}(backup: ${d.backupPath})\n` : body;
}
