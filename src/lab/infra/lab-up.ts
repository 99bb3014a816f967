// `codaplay lab up`: build and start a simulated Coda cell (docs/lab-internals.md, docs/lab.md): hosts with their
// own files and sshd on loopback addresses, a running SCM with replicated volumes filled with files, one
// configured-but-unlisted new server (or a bare one), clients with the realm mounted; and an inventory.
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { userInfo } from 'node:os';
import { defaultLabDir, LAB_CONFIG_FILE, type CodaVersion, type LabConfig, type LabHostConfig } from '../core/lab-config.js';
import { confDirOf } from '../core/host-env.js';
import { rpcCall } from '../core/rpc.js';
import { startToolService, writeShims } from '../service/launch.js';
import { generateKeyPair, startSshd } from '../sshd.js';
import { inventoryText } from './inventory-writer.js';
import { writeHostFiles, type CellSecrets } from './layout.js';
import { labProcesses } from './processes.js';
import { parseVRList } from '../server/vrdb.js';
import { createVolumesInBulk } from './bulk-volumes.js';

export interface LabUpOptions {
  dir?: string;
  servers?: number;
  newServers?: number;
  clients?: number;
  volumes?: number;
  files?: number;
  codaVersion?: CodaVersion;
  bareNewServer?: boolean;
  timeFactor?: number;
  updateIntervalSec?: number;
  /** Warm tool-service workers (LabConfig.toolWorkers). */
  toolWorkers?: number;
  log?: (line: string) => void;
}

export class LabError extends Error {}

/** Volumes made one by one with createvol_rep before the rest are made in bulk (bulk-volumes.ts). */
const VOLUMES_BY_CREATEVOL = 3;

function planHosts(dir: string, o: Required<Pick<LabUpOptions, 'servers' | 'newServers' | 'clients'>> & { bare: boolean }, net: string): LabHostConfig[] {
  const host = (short: string, n: number, role: LabHostConfig['role'], serverId?: number): LabHostConfig => ({ name: `${short}.coda.lab`, short, ip: `${net}.${n}`, root: join(dir, short), role, serverId });
  const hosts = [host('scm', 10, 'scm', 1)];
  for (let i = 2; i <= o.servers; i++) hosts.push(host(`srv${i}`, 9 + i, 'server', i));
  for (let i = 1; i <= o.newServers; i++) hosts.push({ ...host(`new${i}`, 19 + i, 'new-server', o.servers + i), bare: o.bare || undefined });
  for (let i = 1; i <= o.clients; i++) hosts.push(host(`client${i}`, 29 + i, 'client'));
  return hosts;
}

/** Run a simulated tool as that host's ssh session would (its env and PATH). */
export function onHost(lab: LabConfig, h: LabHostConfig, tool: string, args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(join(lab.dir, 'bin', tool), args, { encoding: 'utf8', env: { ...process.env, CODA_LAB_DIR: lab.dir, CODA_LAB_HOST: h.short, PATH: `${join(lab.dir, 'bin')}:/usr/local/bin:/usr/bin:/bin` }, stdio: ['ignore', 'pipe', 'pipe'] });
  return { code: r.status ?? 1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

function must(r: { code: number; stdout: string; stderr: string }, what: string): void {
  if (r.code !== 0) throw new LabError(`${what} failed (exit ${r.code}):\n${r.stdout}${r.stderr}`);
}

/** dist/src/lab/tools/main.js next to this compiled file; when run from source (tsx), the compiled twin in dist/. */
function toolsEntry(): string {
  const here = fileURLToPath(new URL('../tools/main.js', import.meta.url));
  if (existsSync(here)) return here;
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  return join(root, 'dist', relative(root, here));
}

export async function labUp(opts: LabUpOptions = {}): Promise<LabConfig> {
  const log = opts.log ?? (() => undefined);
  const dir = resolve(opts.dir ?? defaultLabDir());
  if (existsSync(join(dir, LAB_CONFIG_FILE))) {
    const old = JSON.parse(readFileSync(join(dir, LAB_CONFIG_FILE), 'utf8')) as LabConfig;
    if (labProcesses(old).some((p) => p.alive)) throw new LabError(`a lab is already running in ${dir} (codaplay lab status --dir ${dir}; codaplay lab down --dir ${dir})`);
    // A stopped lab's files would leak into the new cell (its VRList, RVM, keys): start from nothing.
    for (const h of old.hosts) rmSync(h.root, { recursive: true, force: true });
    for (const f of ['bin', 'svc', 'keys', 'faults', 'inventory.yaml', LAB_CONFIG_FILE]) rmSync(join(dir, f), { recursive: true, force: true });
  }
  const longest = `${dir}/new${opts.newServers ?? 1}/vicepa`;
  if (Buffer.byteLength(longest) >= 32) throw new LabError(`${dir} is too long: the lab's partitions (${longest}) must stay under Coda's 32-byte limit; use a shorter --dir (e.g. /tmp/cplab)`);
  mkdirSync(dir, { recursive: true });
  const net = `127.${1 + Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
  const hosts = planHosts(dir, { servers: opts.servers ?? 1, newServers: opts.newServers ?? 1, clients: opts.clients ?? 1, bare: opts.bareNewServer ?? false }, net);
  const lab: LabConfig = {
    dir, version: opts.codaVersion ?? '6.9', timeFactor: opts.timeFactor ?? 0.1, updateIntervalSec: opts.updateIntervalSec ?? 30,
    realm: 'coda.lab', sshPort: 2222, codasrvPort: 2432, updatePort: 2433, auth2Port: 7370,
    toolsEntry: toolsEntry(), user: userInfo().username, hosts, ...(opts.toolWorkers ? { toolWorkers: opts.toolWorkers } : {}),
  };
  writeFileSync(join(dir, LAB_CONFIG_FILE), JSON.stringify(lab, null, 2));
  const shims = writeShims(lab);
  const secrets: CellSecrets = { update: randomBytes(8).toString('hex'), auth2: randomBytes(8).toString('hex'), volutil: randomBytes(8).toString('hex') };
  const listed = hosts.filter((h) => h.role === 'scm' || h.role === 'server');
  for (const h of hosts) writeHostFiles(lab, h, listed, secrets);
  const keys = join(dir, 'keys');
  mkdirSync(keys, { recursive: true });
  const { publicKey } = await generateKeyPair(join(keys, 'id_ed25519'), 'codaplay-lab');
  writeFileSync(join(keys, 'authorized_keys'), `${publicKey}\n`);
  const known: string[] = [];
  for (const h of hosts) {
    const sshd = await startSshd({ dir: join(h.root, 'ssh'), address: h.ip, port: lab.sshPort, user: lab.user, authorizedKeysFile: join(keys, 'authorized_keys'), // SHLVL=1 keeps bash from sourcing ~/.bashrc for ssh commands (bash does it only at shell level 1):
    // the lab hosts' environment is ours to define, and a heavy .bashrc would cost every command ~0.3 s.
    // CODACONFPATH is where real Coda's codaconf_init looks for server.conf/venus.conf: the host's own config
    // directory for the simulated version (6.x <prefix>/etc, 8.1 <prefix>/etc/coda).
    setEnv: { CODA_LAB_DIR: dir, CODA_LAB_HOST: h.short, PATH: `${join(dir, 'bin')}:/usr/local/bin:/usr/bin:/bin`, SHLVL: '1', CODACONFPATH: confDirOf(lab.version, h.root) } });
    known.push(sshd.knownHostsLine);
    log(`${h.short.padEnd(8)} ${h.ip}:${lab.sshPort}  sshd pid ${sshd.pid}`);
  }
  writeFileSync(join(keys, 'known_hosts'), `${known.join('\n')}\n`);
  // Tool calls go to one resident service instead of starting Node each time (src/lab/service/).
  if (shims === 'service') log(`tools    served by pid ${await startToolService(lab)} (${join(dir, 'svc', 'tools.sock')})`);
  await startCell(lab, opts, log);
  writeFileSync(join(dir, 'inventory.yaml'), inventoryText(lab, secrets));
  return lab;
}

/** Until every server holds the SCM's copy of each file in db/files (what updateclnt fetches). */
async function waitForPropagation(scm: LabHostConfig, servers: LabHostConfig[]): Promise<void> {
  const db = (h: LabHostConfig, f: string): Buffer | null => { try { return readFileSync(join(h.root, 'vice', 'db', f)); } catch { return null; } };
  const names = readFileSync(join(scm.root, 'vice', 'db', 'files'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('-'));
  for (let i = 0; i < 600; i++) {
    if (servers.every((h) => names.every((f) => { const want = db(scm, f); return want === null || want.equals(db(h, f) ?? Buffer.alloc(0)); }))) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new LabError(`updateclnt did not fetch the SCM's databases on ${servers.map((h) => h.short).join(', ')} within 30 s`);
}

async function startCell(lab: LabConfig, opts: LabUpOptions, log: (l: string) => void): Promise<void> {
  const scm = lab.hosts.find((h) => h.role === 'scm')!;
  must(onHost(lab, scm, 'updatesrv', []), 'updatesrv on scm');
  const setUp = lab.hosts.filter((x) => x.role !== 'client' && !x.bare);
  const others = setUp.filter((x) => x.role !== 'scm');
  for (const h of setUp) must(onHost(lab, h, 'auth2', []), `auth2 on ${h.short}`);
  for (const h of lab.hosts.filter((x) => x.role === 'scm' || x.role === 'server')) must(onHost(lab, h, 'startserver', []), `startserver on ${h.short}`);
  const volumes = Array.from({ length: opts.volumes ?? 3 }, (_, i) => `vol${String(i + 1).padStart(2, '0')}`);
  // The first few volumes go through the real createvol_rep path; the rest of a big cell is made in bulk.
  const byTool = ['/', ...volumes].slice(0, 1 + VOLUMES_BY_CREATEVOL);
  for (const v of byTool) must(onHost(lab, scm, 'createvol_rep', [v, scm.name]), `createvol_rep ${v}`);
  await createVolumesInBulk(lab, scm, volumes.slice(VOLUMES_BY_CREATEVOL), (tool, args) => must(onHost(lab, scm, tool, args), `${tool} ${args.join(' ')}`));
  const parsed = parseVRList(readFileSync(join(scm.root, 'vice', 'db', 'VRList'), 'utf8'));
  if (!('entries' in parsed)) throw new LabError(`VRList line ${parsed.badLine} is bad: ${parsed.text}`);
  const lines = parsed.entries;
  const token = readFileSync(join(scm.root, 'vice', 'db', 'volutil.tk'), 'utf8').trim();
  for (const line of lines) {
    const root = line.name === '/';
    const r = await rpcCall(scm.ip, lab.codasrvPort, { op: 'LabPopulate', token, volumeId: line.replicas[0], dirs: root ? 0 : 2, files: root ? (opts.files === 0 ? 0 : 2) : opts.files ?? 20, seed: line.groupId, mounts: root ? volumes : [] }, { timeoutMs: 30_000 });
    if (r.rc !== 0) throw new LabError(`populating ${line.name} failed (rc ${r.rc})`);
  }
  log(`scm      ${lines.length} replicated volumes (/ and ${volumes.length} more), one replica each, resolution off`);
  // updateclnt last, on every server, the SCM too (OBSERVED, corrections), once the SCM's databases are final; lab
  // up waits for the others' first fetch, so the cell is settled when it returns, like a cell that has been
  // running a while (had it started earlier, its next poll, 30 s on, would change databases under the first run).
  for (const h of setUp) must(onHost(lab, h, 'updateclnt', ['-h', scm.name]), `updateclnt on ${h.short}`);
  await waitForPropagation(scm, others);
  for (const h of lab.hosts.filter((x) => x.role === 'client')) must(onHost(lab, h, 'venus', []), `venus on ${h.short}`);
}
