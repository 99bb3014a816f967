// `lab up` starts the lab's tool service before anything runs a tool, and writes the shims that talk to it.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LabConfig } from '../core/lab-config.js';
import { ALL_TOOLS } from '../tools/tool-names.js';
import { servicePaths } from './paths.js';
import { hostShimPrefix } from './host-shims.js';
import { perlShim, shShim, type SocketConstants } from './shim.js';

/** The system's Perl (not a user's perlbrew: the shims run in ssh sessions with the lab's PATH) and its socket constants. */
function systemPerl(socket: string): { perl: string; k: SocketConstants } | null {
  const r = spawnSync('/bin/sh', ['-c', 'PATH=/usr/bin:/bin command -v perl'], { encoding: 'utf8' });
  const perl = r.status === 0 ? r.stdout.trim() : '';
  if (!perl) return null;
  const q = spawnSync(perl, ['-MSocket', '-e', 'print join(" ", PF_UNIX, SOCK_STREAM, unpack("H*", pack_sockaddr_un($ARGV[0])))', socket], { encoding: 'utf8' });
  const [pfUnix, sockStream, sockaddrHex] = q.status === 0 ? q.stdout.trim().split(' ') : [];
  if (!pfUnix || !sockStream || !sockaddrHex || !/^[0-9a-f]+$/.test(sockaddrHex)) return null;
  return { perl, k: { pfUnix: Number(pfUnix), sockStream: Number(sockStream), sockaddrHex } };
}

/** The shim notes when the call started on the host, for the call log and the tools' real-time costs. */
const CALL_START = 'use Time::HiRes ();\n$ENV{CODA_LAB_CALL_T0} = int(Time::HiRes::time() * 1000);\n';

/** One shim per tool in <labdir>/bin; returns whether they use the service (Perl found) or run Node each time. */
export function writeShims(lab: LabConfig): 'service' | 'process' {
  const bin = join(lab.dir, 'bin');
  mkdirSync(bin, { recursive: true });
  const perl = systemPerl(servicePaths(lab.dir).socket);
  const roots = Object.fromEntries(lab.hosts.map((h) => [h.short, h.root]));
  // The host shims time their calls with Time::HiRes, which is in perl but not in perl-base: without it they
  // stay plain clients of the service.
  const hiRes = perl !== null && spawnSync(perl.perl, ['-MTime::HiRes', '-e', '1']).status === 0;
  for (const tool of ALL_TOOLS) {
    const path = join(bin, tool);
    writeFileSync(path, perl
      ? perlShim(perl.perl, process.execPath, lab.toolsEntry, perl.k, tool, hiRes ? CALL_START + hostShimPrefix(tool, lab.dir, roots) : '')
      : shShim(process.execPath, lab.toolsEntry, tool));
    chmodSync(path, 0o755);
  }
  return perl ? 'service' : 'process';
}

/** Start the service detached (it outlives `lab up`) and wait until it accepts calls; returns its pid. */
export async function startToolService(lab: LabConfig): Promise<number> {
  const paths = servicePaths(lab.dir);
  mkdirSync(paths.dir, { recursive: true });
  const entry = join(dirname(dirname(lab.toolsEntry)), 'service', 'main.js');
  const fd = openSync(paths.log, 'a');
  const child = spawn(process.execPath, [entry, lab.dir], { detached: true, stdio: ['ignore', fd, fd], cwd: '/' });
  closeSync(fd);
  child.unref();
  for (let i = 0; i < 300; i++) {
    if (existsSync(paths.pidFile) && existsSync(paths.socket) && readFileSync(paths.pidFile, 'utf8').trim() === String(child.pid)) return child.pid!;
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`the lab's tool service did not start (see ${paths.log})`);
}

