// A simulated Coda cell for end-to-end tests: brought up and down through the real CLI, inspected through its
// files and its own simulated tools (run with the host's environment, as an ssh session on that host would).
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { codaplay } from './cli.js';

export interface LabCell {
  dir: string;
  inventory: string;
  file(host: string, rel: string): string;
  tool(host: string, tool: string, args: string[]): { code: number; stdout: string; stderr: string };
  fault(host: string, knob: string): Promise<void>;
  clearFaults(host: string): Promise<void>;
  /** sha256 of every Coda database, partition and RVM file of every host. */
  hashDatabases(): Map<string, string>;
  down(): Promise<void>;
}

export async function labUp(args: string[] = []): Promise<LabCell> {
  const dir = mkdtempSync('/tmp/cpl-');
  // Tests run the simulated daemons 50x faster than real Coda unless they ask for another factor.
  const factor = args.includes('--time-factor') ? [] : ['--time-factor', '0.02'];
  const up = await codaplay(['lab', 'up', '--dir', dir, ...factor, ...args]);
  if (up.code !== 0) {
    await codaplay(['lab', 'down', '--dir', dir]);
    throw new Error(`lab up failed (${up.code}):\n${up.stdout}\n${up.stderr}`);
  }
  const cell: LabCell = {
    dir,
    inventory: join(dir, 'inventory.yaml'),
    file: (host, rel) => readFileSync(join(dir, host, rel), 'utf8'),
    tool: (host, tool, toolArgs) => {
      const r = spawnSync(join(dir, 'bin', tool), toolArgs, { encoding: 'utf8', env: { ...process.env, CODA_LAB_DIR: dir, CODA_LAB_HOST: host, PATH: `${join(dir, 'bin')}:${process.env.PATH}` }, stdio: ['ignore', 'pipe', 'pipe'] });
      return { code: r.status ?? 1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
    },
    fault: async (host, knob) => { const r = await codaplay(['lab', 'fault', host, knob, '--dir', dir]); if (r.code !== 0) throw new Error(r.stderr); },
    clearFaults: async (host) => { await codaplay(['lab', 'fault', host, '--clear', '--dir', dir]); },
    hashDatabases: () => {
      const out = new Map<string, string>();
      for (const host of readdirSync(dir)) {
        for (const sub of ['vice/db', 'vicepa', 'vice-rvm']) {
          const base = join(dir, host, sub);
          if (!existsSync(base)) continue;
          for (const f of readdirSync(base)) {
            const p = join(base, f);
            if (statSync(p).isFile()) out.set(p, createHash('sha256').update(readFileSync(p)).digest('hex'));
          }
        }
      }
      return out;
    },
    down: async () => {
      await codaplay(['lab', 'down', '--dir', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return cell;
}
