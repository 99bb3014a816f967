// The simulated venus: one process per client, answering cfs and the ls shim over a unix socket in its cache
// directory. Its log has venus's `HH:MM:SS msg` lines (VSG changes, disconnections).
import { createServer } from 'node:net';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { logMsg } from '../core/coda-log.js';
import type { HostEnv } from '../core/host-env.js';
import { reverseLookup } from '../core/name-service.js';
import { rpcCall } from '../core/rpc.js';
import { locate, realmTop } from './locate.js';
import { readVenusConfig, type VenusState } from './venus-state.js';
import { volumeInfo } from './volume-info.js';
import { Walker } from './walk.js';

export function socketPath(cacheDir: string): string {
  return join(cacheDir, 'venus.sock');
}

async function handle(st: VenusState, req: { op: string } & Record<string, unknown>): Promise<Record<string, unknown>> {
  const name = (ip: string): string => reverseLookup(st.env.root, ip) ?? ip;
  switch (req.op) {
    case 'Walk': {
      const target = String(req.path);
      const at = await locate(st, target);
      if (!at) return { objects: 0, failed: [target], resolved: 0 };
      const walker = new Walker(st);
      await walker.visit(at.vsg, at.inner, target, 0, req.recursive === true);
      return { ...walker.result };
    }
    case 'CheckServers': {
      const ips = new Set<string>(st.rootServers);
      for (const v of st.volumes.values()) v.replicas.forEach((r) => ips.add(r.ip));
      const down: string[] = [];
      for (const ip of ips) {
        const r = st.disconnected ? { rc: -1 } : await rpcCall(ip, st.env.lab.codasrvPort, { op: 'Ping' }, { timeoutMs: 10_000 });
        if (r.rc !== 0) down.push(name(ip));
      }
      return { down };
    }
    case 'CheckVolumes':
      for (const v of st.volumes.values()) v.valid = false;
      return {};
    case 'Reconnect':
      st.disconnected = false;
      st.log('Reconnected to servers');
      return {};
    case 'Disconnect':
      st.disconnected = true;
      return {};
    case 'WhereIs': {
      const at = await locate(st, String(req.path));
      if (!at) return { error: 'No such file or directory' };
      return { hosts: at.vsg.replicas.map((r) => name(r.ip)) };
    }
    case 'ListVol': {
      const at = await locate(st, String(req.path));
      if (!at) return { error: 'No such file or directory' };
      const v = at.vsg;
      return { text: `  Status of volume ${(v.groupId >>> 0).toString(16).padStart(8, '0')} (${v.groupId >>> 0}) named "${v.name}"\n  Volume type is Replicated\n  Connection State is ${st.disconnected ? 'Unreachable' : 'Reachable'}\n  Reintegration age: 0 sec, time 0.000 sec\n  Minimum quota is 0, maximum quota is unlimited\n  Current blocks used are 2\n  The partition has 1000000 blocks available out of 1000000\n\n` };
    }
    case 'Root':
      return { top: realmTop(st), root: await volumeInfo(st, '/') };
    default:
      return {};
  }
}

export async function runVenus(env: HostEnv): Promise<void> {
  const cfg = readVenusConfig(env);
  mkdirSync(cfg.cacheDir, { recursive: true });
  mkdirSync(`${cfg.mountpoint}/${cfg.realm}`, { recursive: true });
  const log = join(cfg.cacheDir, 'venus.log');
  const st: VenusState = { env, ...cfg, volumes: new Map(), disconnected: false, log: (m) => logMsg(log, m) };
  const sock = socketPath(cfg.cacheDir);
  rmSync(sock, { force: true });
  const server = createServer((c) => {
    let buf = '';
    c.setEncoding('utf8');
    c.on('error', () => c.destroy());
    c.on('data', (d: string) => {
      buf += d;
      const end = buf.indexOf('\n');
      if (end < 0) return;
      const req = JSON.parse(buf.slice(0, end)) as { op: string } & Record<string, unknown>;
      void handle(st, req).then((r) => c.end(JSON.stringify(r) + '\n'), (e: unknown) => c.end(JSON.stringify({ error: String(e) }) + '\n'));
    });
  });
  await new Promise<void>((resolve) => server.listen(sock, resolve));
  writeFileSync(join(cfg.cacheDir, 'pid'), `${process.pid}\n`);
  st.log(`Venus starting; realm ${cfg.realm} mounted on ${cfg.mountpoint}`);
  process.on('SIGTERM', () => { server.close(); rmSync(sock, { force: true }); process.exit(0); });
}
