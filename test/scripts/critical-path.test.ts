// The bench's critical path: each stage's bound from a small, hand-made lab call log.
import { strict as assert } from 'node:assert';
import { codaTime, type LabCall } from '../../scripts/bench/critical-path.js';

let clock = 0;
function call(host: string, tool: string, args: string, ms: number, at?: number): LabCall {
  const start = at ?? clock;
  clock = start + ms;
  return { host, tool, args: args ? args.split(' ') : [], start, end: start + ms, code: 0 };
}

describe('bench critical path', () => {
  const calls: LabCall[] = [
    call('scm', 'rpc2ping', 'scm.lab', 300),
    call('new1', 'getent', 'hosts scm.lab', 500),
    call('new1', 'updatefetch', '-h scm.lab -r db/servers -l /x', 400),
    call('scm', 'volutil', '-h scm.lab shutdown', 200),
    call('scm', 'startserver', '', 1000, 1500 + 1200),
    call('new1', 'startserver', '', 900),
    call('scm', 'volutil', '-h scm.lab setlogparms 01000001 reson 4', 100),
    call('scm', 'volutil', '-h scm.lab setlogparms 01000002 reson 4', 100),
    call('scm', 'volutil', '-h new1.lab create_rep /vicepa v1.1 7f000001', 600),
    call('scm', 'volutil', '-h new1.lab create_rep /vicepa v2.1 7f000002', 600),
    call('scm', 'volutil', '-h new1.lab getvolumelist', 50),
    call('scm', 'bldvldb.sh', 'new1.lab', 1000),
    call('scm', 'volutil', 'makevrdb /vice/db/VRList', 300),
    call('new1', 'updatefetch', '-h scm.lab -r db/VRList -l /x', 200),
    call('new1', 'updatefetch', '-h scm.lab -r db/VLDB -l /y', 250),
    call('new1', 'volutil', '-h new1.lab updatedb', 100),
    call('new1', 'getvolinfo', 'new1.lab v1', 300),
    call('new1', 'getvolinfo', 'new1.lab v2', 350),
    call('client1', 'cfs', 'checkservers', 100),
    call('client1', 'cfs', 'strong', 100),
    call('client1', 'ls', '-lR /coda/lab', 700),
    call('client1', 'cfs', 'whereis /coda/lab', 100),
  ];
  // bldvldb.sh's own volutil sub-call on the SCM lies inside its interval and is part of it.
  const bld = calls.find((c) => c.tool === 'bldvldb.sh')!;
  calls.push({ host: 'scm', tool: 'volutil', args: ['makevldb', '/vice/vol/BigVolumeList'], start: bld.start + 10, end: bld.start + 900, code: 0 });
  const shutdown = calls.find((c) => c.args.includes('shutdown'))!;
  const daemons: LabCall[] = [{ host: 'scm', tool: 'codasrv', args: [], start: 0, end: shutdown.end + 800, code: 0 }];
  const result = codaTime(calls, daemons);
  const stage = (name: string): number => result.stages.find((s) => s.stage === name)!.ms;

  const rows: [string, number][] = [
    ['preflight', 500], // the longest single check
    ['servers', 400],
    ['restart', 200 + 800 + 1000], // shutdown, until codasrv exited, startserver
    ['start new', 900],
    ['replicas', 700], // setlogparms + create_rep (100 + 600) beats new1's volutil time / 2 (1250 / 2)
    ['databases', 1300], // bldvldb.sh (with its sub-call) then makevrdb
    ['propagate', 250 + 100 + 350],
    ['clients', 100 + 100 + 700 + 100],
  ];
  for (const [name, ms] of rows) it(`${name} is bounded at ${ms} ms`, () => assert.equal(stage(name), ms));

  it('the critical path is the sum of the stages; probing stays off it', () => {
    assert.equal(result.criticalMs, rows.reduce((s, [, ms]) => s + ms, 0));
    assert.ok(result.sumMs > result.criticalMs);
  });

  it('many create_reps on one server are bounded by its two volutil workers', () => {
    const many = Array.from({ length: 10 }, (_, i) => call('scm', 'volutil', `-h new1.lab create_rep /vicepa v${i}.1 7f00000${i}`, 400));
    assert.equal(codaTime(many).stages.find((s) => s.stage === 'replicas')!.ms, 2000);
  });

  it('many getvolinfo proofs to one server are bounded by its worker LWPs (10), not taken as all at once', () => {
    const proofs = Array.from({ length: 30 }, (_, i) => call('scm', 'getvolinfo', `scm.lab v${i}`, 200));
    assert.equal(codaTime(proofs).stages.find((s) => s.stage === 'propagate')!.ms, 600);
  });
});
