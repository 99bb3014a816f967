// `codaplay run add-replica` finds the bundled playbook: an argument with no path separator that names no file is
// looked up in the package's playbooks/ directory (`.yaml`/`.yml` optional), as an installed CLI must work from
// any directory. A path, or a name that exists where the user is, is the user's file and is used as given.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** playbooks/ at the package root: ../../../playbooks from dist/src/cli, ../../playbooks from src/cli (tsx). */
export function bundledPlaybooksDir(): string {
  for (const up of ['../../../playbooks', '../../playbooks']) {
    const dir = fileURLToPath(new URL(up, import.meta.url));
    if (existsSync(join(dir, 'add-replica.yaml'))) return dir;
  }
  return fileURLToPath(new URL('../../../playbooks', import.meta.url));
}

export function bundledPlaybooks(): string[] {
  try {
    return readdirSync(bundledPlaybooksDir()).filter((f) => /\.ya?ml$/.test(f)).map((f) => f.replace(/\.ya?ml$/, ''));
  } catch {
    return [];
  }
}

export function resolvePlaybookPath(arg: string, cwd = process.cwd()): string {
  if (arg.includes('/') || existsSync(join(cwd, arg))) return arg;
  const dir = bundledPlaybooksDir();
  for (const name of [arg, `${arg}.yaml`, `${arg}.yml`]) {
    if (existsSync(join(dir, name))) return join(dir, name);
  }
  return arg;
}
