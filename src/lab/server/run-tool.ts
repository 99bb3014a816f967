// The lab's shell scripts (bldvldb.sh, createvol_rep, vice-setup) call the other tools the way the real
// scripts do: as programs on PATH, output passed through or captured.
import { spawnSync } from 'node:child_process';

export function runTool(tool: string, args: string[], capture = false): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(tool, args, { encoding: 'utf8', stdio: capture ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'] });
  return { code: r.status ?? 1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}
