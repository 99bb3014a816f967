// The lab's shell scripts (bldvldb.sh, createvol_rep, vice-setup) call the other tools the way the real
// scripts do: as programs on PATH, output passed through or captured.
import { spawnSync } from 'node:child_process';

export function runTool(tool: string, args: string[], capture = false): { code: number; stdout: string; stderr: string } {
  // Passed through: by descriptor, because under the lab's tool service this process's stdout is the call's
  // socket (src/lab/service/call-stdio.ts), not fd 1.
  const r = spawnSync(tool, args, { encoding: 'utf8', stdio: capture ? ['ignore', 'pipe', 'pipe'] : ['ignore', process.stdout.fd, process.stderr.fd] });
  return { code: r.status ?? 1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}
