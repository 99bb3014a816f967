// The simulated file server: a real long-lived process per server host with a pid file, listening on its
// host's address, port 2432. It loads `servers` only here, at start-up, and keeps that table for its whole
// life (REFERENCE §2), as real codasrv does. SrvLog lines follow REFERENCE §7.7 and OBSERVED.md.
import { appendFileSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:net';
import { ctime, logMsg, logPlain } from '../core/coda-log.js';
import { readFaults } from '../core/faults.js';
import type { HostEnv } from '../core/host-env.js';
import { labSleep, labSleepFromCallStart } from '../core/lab-time.js';
import { STARTUP_SECONDS } from '../core/down-costs.js';
import { serveRpc } from '../core/rpc.js';
import { dispatch } from './dispatch.js';
import { saveRvm } from './rvm-state.js';
import type { ServerRuntime } from './runtime.js';
import { startupChecks } from './startup.js';
import { readVldb } from './vldb.js';
import { parseVRList, readVrdb } from './vrdb.js';
import { readFileSync } from 'node:fs';

const VERSION_TEXT = { '6.1': '6.1.2', '6.9': '6.9.5', '8.1': '8.1.7~dev0' } as const;

export async function runCodasrv(env: HostEnv): Promise<number> {
  const conf0 = env.confDir;
  const checks = startupChecks(env);
  const vicedirGuess = 'error' in checks ? undefined : checks.vicedir;
  const srvDir = join(vicedirGuess ?? readVicedir(conf0, env.root), 'srv');
  const srvLog = join(srvDir, 'SrvLog');
  const exitCode = env.lab.version === '8.1' ? 1 : 255;
  if ('error' in checks && checks.stderr) {
    process.stderr.write(`${checks.error}\n`);
    return 1;
  }
  writeFileSync(join(srvDir, 'pid'), `${process.pid}\n`);
  const started = new Date();
  logMsg(srvLog, `Coda Vice, version ${VERSION_TEXT[env.lab.version]}\tlog started at ${ctime(started)}\n`);
  if ('error' in checks) {
    logMsg(srvLog, checks.error);
    return exitCode;
  }
  if (readFaults(env.lab.dir, env.host.short).down) {
    logMsg(srvLog, 'lab fault knob "down": this server does not start');
    return exitCode;
  }
  logMsg(srvLog, 'RvmType is Rvm');
  logMsg(srvLog, 'Main process doing a LWP_Init()');
  const rt = makeRuntime(env, checks, srvLog);
  for (const p of rt.partitions) {
    let used = 0;
    try { used = Math.floor(statSync(join(p, 'FTREEDB')).size / 24); } catch { used = 0; }
    logPlain(srvLog, `Partition ${p}: inodes in use: ${used}, total: 262144.`);
  }
  logMsg(srvLog, `The server (pid ${process.pid}) can be controlled using volutil commands`);
  rt.reloadDatabases();
  // vice-setup leaves an empty VLDB (touch): as bad as none until the first bldvldb.sh.
  if (!existsSync(join(rt.vicedir, 'db', 'VLDB')) || statSync(join(rt.vicedir, 'db', 'VLDB')).size === 0) {
    logMsg(srvLog, 'VCheckVLDB:  bad VLDB!');
    logMsg(srvLog, 'VInitVolPackage: no VLDB! Please create a new one.');
  }
  for (const v of rt.state.volumes) logMsg(srvLog, `VAttachVolumeById: vol ${v.id.toString(16)} (${v.name}) attached and online`);
  logMsg(srvLog, `Attached ${rt.state.volumes.length} volumes; 0 volumes not attached`);
  rt.commit();
  // Real codasrv takes a while to come up (down-costs.ts STARTUP_SECONDS), counted from the startserver call's
  // start on the host when there was one.
  await labSleepFromCallStart(env.lab, STARTUP_SECONDS);
  const slow = readFaults(env.lab.dir, env.host.short).slowStartSec;
  if (slow) await labSleep(env.lab, slow);
  let server: Server | null = null;
  // Real order (OBSERVED, corrections): the request, ~250 lines of statistics (not simulated), then each volume taken offline with its own
  // `... Done`, last `VShutdown:  complete.`; the process is gone 9–134 ms after volutil returns.
  const shutdown = (why: string): void => {
    logMsg(srvLog, why);
    logMsg(srvLog, 'VShutdown:  shutting down on-line volumes...');
    for (const v of rt.state.volumes) {
      logMsg(srvLog, `VShutdown: Taking volume ${v.name}(0x${v.id.toString(16)}) offline...`);
      logMsg(srvLog, '... Done');
    }
    logMsg(srvLog, 'VShutdown:  complete.');
    writeFileSync(join(srvDir, 'SHUTDOWN'), '');
    server?.close();
    void labSleep(env.lab, 0.1).then(() => process.exit(0));
  };
  process.on('SIGTERM', () => shutdown('SigTerm received, shutting down'));
  // startserver's log rotation HUPs a running server: it reopens SrvLog (a new `log started at` line, no
  // `File Server started`) and SrvErr, where LWP's interrupted select shows (OBSERVED, corrections).
  process.on('SIGHUP', () => {
    logMsg(srvLog, `Coda Vice, version ${VERSION_TEXT[env.lab.version]}\tlog started at ${ctime(new Date())}\n`);
    appendFileSync(join(srvDir, 'SrvErr'), `***LWP (0x${(0x55d0c0000000 + process.pid * 0x1000).toString(16)}): Select returns error: 4\n`);
  });
  server = await serveRpc(env.host.ip, env.lab.codasrvPort, async (req) => {
    if (readFaults(env.lab.dir, env.host.short).down) return null;
    const answer = await dispatch(rt, req);
    if (req.op === 'Shutdown' && answer?.rc === 0) setImmediate(() => shutdown('Shutdown received'));
    return answer;
  });
  logMsg(srvLog, `File Server started ${ctime(new Date())}\n`);
  return new Promise<number>(() => undefined);
}

function readVicedir(confDir: string, root: string): string {
  try {
    return /^vicedir=(.*)$/m.exec(readFileSync(join(confDir, 'server.conf'), 'utf8'))?.[1]?.replace(/^["']|["']$/g, '') ?? join(root, 'vice');
  } catch {
    return join(root, 'vice');
  }
}

function makeRuntime(env: HostEnv, f: Exclude<ReturnType<typeof startupChecks>, { error: string }>, srvLog: string): ServerRuntime {
  const rt: ServerRuntime = {
    env, vicedir: f.vicedir, serverId: f.servers.selfId, serversTable: f.servers.table, vrdb: [], vldb: [], state: f.state,
    partitions: f.partitions, conf: f.conf, hostname: f.hostname, srvLogPath: srvLog,
    commit: () => saveRvm(f.rvmPath, rt.state),
    findVolume: (key) => rt.state.volumes.find((v) => (typeof key === 'number' ? v.id === key : v.name === key)),
    log: (message) => logMsg(srvLog, message),
    partitionDir: (partition) => partition,
    reloadDatabases: () => {
      // 6.x reloads the binary VRDB; 8.1 re-reads VRList (REFERENCE §3).
      if (env.lab.version === '8.1') {
        let text = '';
        try { text = readFileSync(join(f.vicedir, 'db', 'VRList'), 'utf8'); } catch { text = ''; }
        const parsed = parseVRList(text);
        rt.vrdb = 'entries' in parsed ? parsed.entries : rt.vrdb;
      } else rt.vrdb = readVrdb(join(f.vicedir, 'db', 'VRDB'));
      rt.vldb = readVldb(join(f.vicedir, 'db', 'VLDB'));
    },
  };
  return rt;
}
