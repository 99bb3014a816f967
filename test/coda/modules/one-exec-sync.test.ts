// Issue 11: coda_client_sync's normal path and coda_db_sync's fetches + reload each take ONE exec (one round trip),
// yet every Coda command keeps its own exit status, output and record, and the modules stop where they stopped
// before. The scripts really run, in dash and in bash, against shell functions standing in for cfs, ls, updatefetch
// and volutil (a fake shell, not a parser of our own framing), on the fake transport.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClusterAccess, ModuleContext } from '../../../src/modules/module.js';
import { codaClientSync } from '../../../src/coda/modules/client-sync.js';
import { codaDbSync } from '../../../src/coda/modules/db-sync.js';
import { codaServer } from '../../../src/coda/modules/server.js';
import { runSequence } from '../../../src/coda/modules/coda-sequence.js';
import { recordedWhereis } from '../../../src/coda/modules/evidence-store.js';
import { journalWritten } from '../../../src/coda/modules/journal.js';
import { MemoryTransport, moduleContext } from '../../helpers/fake-transport.js';

/** The fake Coda tools; state (walk failures left, the calls made) lives in files under $S. */
const TOOLS = String.raw`
cfs() {
  echo "cfs $*" >>"$S/calls"
  case "$1" in
    checkservers) echo 'Contacting servers .....'; if [ -n "$DOWN" ]; then printf 'These servers still down:  %s\n' "$DOWN"; else echo 'All servers up'; fi ;;
    checkvolumes) if [ -n "$FAIL_CV" ]; then echo 'VIOC_VIOCCKBACK: Connection timed out' >&2; return 255; fi ;;
    whereis) shift; if [ $# -eq 1 ]; then echo "  $WHEREIS"; else for p; do echo "  $p:  $WHEREIS"; done; fi ;;
    flushobject) echo 'VIOCFLUSH: Device busy' >&2 ;;
    *) ;;
  esac
}
ls() {
  echo "ls $*" >>"$S/calls"
  n=$(cat "$S/walkfails" 2>/dev/null || echo 0)
  if [ "$n" -gt 0 ]; then echo $((n - 1)) >"$S/walkfails"; echo "ls: cannot open directory: Connection timed out" >&2; return 2; fi
}
updatefetch() {
  echo "updatefetch $*" >>"$S/calls"
  case "$4" in "$FETCH_FAIL") echo "Fetch failed: RPC2_NOBINDING for $4" >&2; return 1 ;; esac
  echo "fetched $4"
}
volutil() {
  echo "volutil $*" >>"$S/calls"
  case "$3" in
    shutdown) if [ -n "$FAIL_SHUTDOWN" ]; then echo 'VolShutdown failed with RPC2_NOBINDING' >&2; return 255; fi; echo 'Shutdown done' ;;
    *) echo 'Database update done' ;;
  esac
}
startserver() { echo "startserver" >>"$S/calls"; mkdir -p "$S/vice/srv"; echo 'File Server started' >"$S/vice/srv/SrvLog"; echo $$ >"$S/vice/srv/pid"; }
`;

interface Shell {
  dir: string;
  host: MemoryTransport;
  calls: () => string[];
  done: () => void;
}

function fakeShell(name: string, shell: string, env: Record<string, string> = {}, walkFails = 0): Shell {
  const dir = mkdtempSync(join(tmpdir(), 'cpx-seq-'));
  writeFileSync(join(dir, 'walkfails'), String(walkFails));
  const host = new MemoryTransport(name, (command) => {
    const r = spawnSync(shell, ['-c', `${TOOLS}\n${command}`], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: dir, S: dir, WHEREIS: 'scm.lab  new1.lab', ...env } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  });
  const calls = (): string[] => { try { return readFileSync(join(dir, 'calls'), 'utf8').split('\n').filter(Boolean); } catch { return []; } };
  return { dir, host, calls, done: () => rmSync(dir, { recursive: true, force: true }) };
}

function contextFor(host: MemoryTransport): ModuleContext {
  const scm = new MemoryTransport('scm');
  scm.files.set('/vice/db/servers', 'scm.lab\t\t1\nnew1.lab\t\t2\n');
  scm.files.set('/vice/db/VRList', 'vol 7f000001 2 01000002 02000001 0 0 0 0 0 0\nvol2 7f000002 2 01000003 02000002 0 0 0 0 0 0\n');
  const groups: Record<string, string[]> = { scm: ['scm'], servers: ['scm'], replicas: ['new1'], clients: ['client1'] };
  const names: Record<string, string> = { scm: 'scm.lab', new1: 'new1.lab' };
  const cluster: ClusterAccess = {
    transportFor: async (h) => (h === 'scm' ? scm : host),
    hostsOf: (p) => groups[p] ?? [],
    varsOf: (h) => ({ coda_name: names[h] ?? h, realm: 'coda.lab' }),
    addressOf: () => '127.0.0.1',
  };
  return moduleContext(host, { host: { name: host.host, address: '127.0.0.1', groups: ['clients'] }, vars: { realm: 'coda.lab', coda_name: names[host.host] ?? host.host }, cluster, runStore: new Map() });
}

const WHEREIS = 'cfs whereis /coda/coda.lab/vol /coda/coda.lab/vol2';
const recorded = (ctx: ModuleContext): [string, number | null][] => ctx.commands.map((c) => [c.command, c.code]);

for (const shell of ['sh', 'bash']) {
  describe(`one exec per sync (${shell})`, () => {
    const shells: Shell[] = [];
    const make = (name: string, env: Record<string, string> = {}, walkFails = 0): Shell => { const s = fakeShell(name, shell, env, walkFails); shells.push(s); return s; };
    afterEach(() => { while (shells.length) shells.pop()!.done(); });

    describe('runSequence', () => {
      it('gives each step its own status, stdout and stderr, and stops at the first failure', async () => {
        const s = make('client1', { FAIL_CV: '1' });
        const ctx = contextFor(s.host);
        const ran = await runSequence(ctx, [{ command: 'cfs flushobject /x', mayFail: true }, { command: 'echo out; echo err >&2; (exit 3)', mayFail: true }, { command: 'cfs checkvolumes' }, { command: 'cfs strong' }]);
        assert.equal(s.host.commands.length, 1);
        assert.deepEqual(ran.map((r) => r && [r.code, r.stdout, r.stderr]), [[0, '', 'VIOCFLUSH: Device busy\n'], [3, 'out\n', 'err\n'], [255, '', 'VIOC_VIOCCKBACK: Connection timed out\n'], undefined]);
        assert.deepEqual(s.calls(), ['cfs flushobject /x', 'cfs checkvolumes']);
        assert.deepEqual(recorded(ctx).map((r) => r[1]), [0, 3, 255]);
      });

      it('runs a group at once, keeps each output apart, and skips what follows when one fails', async () => {
        const s = make('new1', { FETCH_FAIL: 'db/VLDB' });
        const ctx = contextFor(s.host);
        const ran = await runSequence(ctx, [[{ command: 'updatefetch -h scm -r db/VRList -l /v' }, { command: 'updatefetch -h scm -r db/VLDB -l /w' }], { command: 'volutil updatedb' }]);
        assert.equal(s.host.commands.length, 1);
        assert.deepEqual(ran.map((r) => r && [r.code, r.stdout, r.stderr]), [[0, 'fetched db/VRList\n', ''], [1, '', 'Fetch failed: RPC2_NOBINDING for db/VLDB\n'], undefined]);
        assert.ok(!s.calls().some((c) => c.startsWith('volutil')));
      });

      it('untilLine wants the whole line, on stdout', async () => {
        const s = make('client1');
        const ctx = contextFor(s.host);
        const steps = (print: string): { command: string; untilLine?: string }[] => [{ command: print, untilLine: 'All servers up' }, { command: 'cfs strong' }];
        assert.deepEqual((await runSequence(ctx, steps("printf 'x\\nAll servers up now\\n'"))).map((r) => r?.code), [0, undefined]);
        assert.deepEqual((await runSequence(ctx, steps("echo 'All servers up' >&2"))).map((r) => r?.code), [0, undefined]);
        const ok = await runSequence(ctx, steps("printf 'Contacting servers .....\\nAll servers up\\n'"));
        assert.deepEqual(ok.map((r) => [r?.code, r?.stdout]), [[0, 'Contacting servers .....\nAll servers up\n'], [0, '']]);
      });

      it('leaves out what would take the script past the size limit', async () => {
        const s = make('client1');
        const ran = await runSequence(contextFor(s.host), [{ command: 'cfs checkvolumes' }, { command: 'cfs strong' }, { command: `cfs whereis ${'/coda/x '.repeat(200)}` }], undefined, 1200);
        assert.deepEqual(ran.map((r) => r?.code), [0, 0, undefined]);
      });
    });

    describe('coda_client_sync', () => {
      const args = { volumes: ['vol', 'vol2'], max_walks: 4 };

      it('normal path: one exec, every command recorded with its own status, the whereis kept for coda_verify', async () => {
        const s = make('client1');
        const ctx = contextFor(s.host);
        const out = await codaClientSync.apply(ctx, args, { changes: [], reason: '' });
        assert.equal(out.failed, undefined, out.reason);
        assert.equal(s.host.commands.length, 1, s.host.commands.join('\n---\n'));
        assert.deepEqual(recorded(ctx), [['cfs checkservers', 0], ['cfs checkvolumes', 0], ['cfs strong', 0], ['cfs flushobject /coda/coda.lab', 0], ['ls -lR /coda/coda.lab >/dev/null', 0], ['cfs whereis /coda/coda.lab/vol /coda/coda.lab/vol2', 0]]);
        assert.equal(recordedWhereis(ctx, 'client1', WHEREIS), '  /coda/coda.lab/vol:  scm.lab  new1.lab\n  /coda/coda.lab/vol2:  scm.lab  new1.lab\n');
        assert.match(out.reason, /walked \/coda\/coda\.lab 1 time\(s\); whereis names every replica server/);
      });

      it('a down server stops the script before checkvolumes, with the same error', async () => {
        const s = make('client1', { DOWN: 'new1.lab' });
        const ctx = contextFor(s.host);
        const out = await codaClientSync.apply(ctx, args, { changes: [], reason: '' });
        assert.equal(out.failed, true);
        assert.equal(out.reason, 'servers down as seen from client1: new1.lab');
        assert.deepEqual(s.calls(), ['cfs checkservers']);
        assert.deepEqual(recorded(ctx), [['cfs checkservers', 0]]);
      });

      it('a failing checkvolumes stops there, named as before', async () => {
        const s = make('client1', { FAIL_CV: '1' });
        const ctx = contextFor(s.host);
        const out = await codaClientSync.apply(ctx, args, { changes: [], reason: '' });
        assert.equal(out.reason, 'cfs failed on client1: VIOC_VIOCCKBACK: Connection timed out');
        assert.deepEqual(s.calls(), ['cfs checkservers', 'cfs checkvolumes']);
      });

      it('a failing walk stops the script; reconnect, strong, walk again and whereis follow on their own', async () => {
        const s = make('client1', {}, 1);
        const ctx = contextFor(s.host);
        const out = await codaClientSync.apply(ctx, args, { changes: [], reason: '' });
        assert.equal(out.failed, undefined, out.reason);
        assert.deepEqual(out.data, { walks: 2, disconnections: 1 });
        assert.deepEqual(recorded(ctx).map(([c, code]) => `${c} -> ${code}`), [
          'cfs checkservers -> 0', 'cfs checkvolumes -> 0', 'cfs strong -> 0', 'cfs flushobject /coda/coda.lab -> 0', 'ls -lR /coda/coda.lab >/dev/null -> 2',
          'cfs reconnect -> 0', 'cfs strong -> 0', 'ls -lR /coda/coda.lab >/dev/null -> 0', 'cfs whereis /coda/coda.lab/vol /coda/coda.lab/vol2 -> 0',
        ]);
        assert.equal(s.host.commands.length, 5);
        assert.ok(recordedWhereis(ctx, 'client1', WHEREIS));
      });
    });

    describe('coda_db_sync', () => {
      const plan = { changes: [], reason: '', state: { stale: ['VRList', 'VLDB'], unproven: [], scmName: 'scm.lab', vicedir: '/vice', expected: [] } };
      const args = { files: ['VRList', 'VLDB'] as ('VRList' | 'VLDB')[], reload: true, prove_volumes: [], prove_seconds: 1 };

      it('fetches and reloads in one exec', async () => {
        const s = make('new1');
        const ctx = contextFor(s.host);
        const out = await codaDbSync.apply(ctx, args, plan);
        assert.equal(out.failed, undefined, out.reason);
        assert.equal(s.host.commands.length, 1);
        assert.deepEqual(recorded(ctx), [['updatefetch -h scm.lab -r db/VRList -l /vice/db/VRList', 0], ['updatefetch -h scm.lab -r db/VLDB -l /vice/db/VLDB', 0], ['volutil -h new1.lab updatedb', 0]]);
      });

      it('a failed fetch: no updatedb, the same failure text', async () => {
        const s = make('new1', { FETCH_FAIL: 'db/VLDB' });
        const ctx = contextFor(s.host);
        const out = await codaDbSync.apply(ctx, args, plan);
        assert.equal(out.reason, 'updatefetch failed on new1: Fetch failed: RPC2_NOBINDING for db/VLDB');
        assert.ok(!s.calls().some((c) => c.startsWith('volutil')), s.calls().join('\n'));
        assert.deepEqual(recorded(ctx).map((r) => r[1]), [0, 1]);
      });
    });

    describe('coda_server restart', () => {
      // pid 999999 is no process: the wait for the old codasrv to go ends at once.
      const plan = { changes: [], reason: '', state: { running: true, answering: true, pid: 999999, stale: true, predicted: false } };

      it('shutdown, its wait, startserver, its wait and the probe in one exec', async () => {
        const s = make('new1');
        const ctx = contextFor(s.host);
        const out = await codaServer.apply(ctx, { vicedir: `${s.dir}/vice`, state: 'current', wait_seconds: 5 }, plan);
        assert.equal(out.failed, undefined, out.reason);
        assert.match(out.reason, /^codasrv restarted \(pid \d+\); File Server started/);
        assert.equal(s.host.commands.filter((c) => c.includes('startserver')).length, 1);
        assert.deepEqual(s.calls(), ['volutil -h new1.lab shutdown', 'startserver']);
        assert.deepEqual(recorded(ctx).map(([c, code]) => [c.split(' ').slice(0, 3).join(' '), code]), [['volutil -h new1.lab', 0], ['startserver || exit', 0]]);
        // The journal entries go to the SCM, `shutdown` written before the shutdown, `started` queued after the start.
        await journalWritten();
        const scm = await ctx.cluster!.transportFor('scm') as MemoryTransport;
        assert.deepEqual(scm.commands.filter((c) => c.includes('journal.jsonl')).length, 2, scm.commands.join('\n'));
      });

      it('a failed shutdown: no startserver, the same error', async () => {
        const s = make('new1', { FAIL_SHUTDOWN: '1' });
        const ctx = contextFor(s.host);
        const out = await codaServer.apply(ctx, { vicedir: `${s.dir}/vice`, state: 'current', wait_seconds: 5 }, plan);
        assert.equal(out.reason, 'volutil failed on new1: VolShutdown failed with RPC2_NOBINDING');
        assert.deepEqual(s.calls(), ['volutil -h new1.lab shutdown']);
      });
    });
  });
}

describe('runSequence when the shell does not finish', () => {
  it('a shell that never started: the first step takes its status and words, the rest did not run', async () => {
    const host = new MemoryTransport('client1', () => ({ code: 127, stderr: 'sh: 1: Syntax error\n' }));
    const ctx = moduleContext(host);
    const ran = await runSequence(ctx, [{ command: 'cfs checkvolumes' }, { command: 'cfs strong' }]);
    assert.deepEqual(ran, [{ code: 127, signal: null, stdout: '', stderr: 'sh: 1: Syntax error\n' }, undefined]);
    assert.deepEqual(recorded(ctx), [['cfs checkvolumes', 127]]);
  });

  it('a script killed inside a step: that step takes the signal', async () => {
    const host = new MemoryTransport('client1', (script) => {
      const m = /^_cp_m=(\S+)$/m.exec(script)![1]!;
      return { code: null, signal: 'SIGKILL', stdout: `${m} g \n${m} 0 0 \n${m} g \npartial`, stderr: `\n${m} 0\n` };
    });
    const ctx = moduleContext(host);
    const ran = await runSequence(ctx, [{ command: 'cfs checkvolumes' }, { command: 'ls -lR /coda' }, { command: 'cfs whereis /coda' }]);
    assert.deepEqual(ran.map((r) => r && [r.code, r.signal, r.stdout]), [[0, null, ''], [null, 'SIGKILL', 'partial'], undefined]);
  });
});
