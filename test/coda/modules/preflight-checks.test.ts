import assert from 'node:assert/strict';
import { chooseServerIds, checkNameAgreement, checkPartition, selectVolumes, validServerId, type NewServerPlan, type Problem } from '../../../src/coda/modules/preflight-checks.js';
import type { HostSurvey } from '../../../src/coda/modules/host-survey.js';
import { codaPathsOf } from '../../../src/coda/modules/coda-vars.js';

function survey(host: string, resolved: Record<string, string | null>, vars: Record<string, unknown> = {}): HostSurvey {
  return { host, role: 'server', paths: codaPathsOf(host, vars), sections: {}, resolved };
}

describe('coda preflight checks', () => {
  const idCases: [number, string | null][] = [
    [1, null], [126, null], [128, null], [254, null],
    [0, 'server id 0 is reserved (0, 127 and 255 are)'],
    [127, 'server id 127 is reserved (0, 127 and 255 are)'],
    [255, 'server id 255 is reserved (0, 127 and 255 are)'],
    [256, 'server id 256 is bogus: ids must be below 256'],
  ];
  for (const [id, expected] of idCases) {
    it(`server id ${id} → ${expected ?? 'valid'}`, () => assert.equal(validServerId(id), expected));
  }

  const chooseCases: { name: string; wanted?: number; listed: { name: string; id: number }[]; id: number; listedAlready: boolean; problem?: RegExp }[] = [
    { name: 'lowest free id', listed: [{ name: 'scm', id: 1 }, { name: 'b', id: 2 }], id: 3, listedAlready: false },
    { name: 'skips reserved 127', listed: Array.from({ length: 126 }, (_, i) => ({ name: `s${i + 1}`, id: i + 1 })), id: 128, listedAlready: false },
    { name: 'given id used', wanted: 1, listed: [{ name: 'scm', id: 1 }], id: 1, listedAlready: false, problem: /already used by scm/ },
    { name: 'reserved id given', wanted: 127, listed: [{ name: 'scm', id: 1 }], id: 127, listedAlready: false, problem: /reserved/ },
    { name: 'already listed, same id', wanted: 5, listed: [{ name: 'new', id: 5 }], id: 5, listedAlready: true },
    { name: 'already listed, other id', wanted: 6, listed: [{ name: 'new', id: 5 }], id: 5, listedAlready: true, problem: /already listed in servers with id 5/ },
  ];
  for (const c of chooseCases) {
    it(`chooseServerIds: ${c.name}`, () => {
      const problems: Problem[] = [];
      const [plan] = chooseServerIds([{ host: 'new1', name: 'new', wantedId: c.wanted }], c.listed, problems);
      assert.equal(plan?.id, c.id);
      assert.equal(plan?.listed, c.listedAlready);
      if (c.problem) assert.match(problems.map((p) => p.message).join('\n'), c.problem);
      else assert.deepEqual(problems, []);
    });
  }

  it('two new servers get distinct ids', () => {
    const plans = chooseServerIds([{ host: 'a', name: 'a' }, { host: 'b', name: 'b' }], [{ name: 'scm', id: 1 }], []);
    assert.deepEqual(plans.map((p) => p.id), [2, 3]);
  });

  const nameCases: { name: string; surveys: HostSurvey[]; problem?: RegExp }[] = [
    { name: 'agreement', surveys: [survey('new1', { 'new.lab': '10.0.0.2' }), survey('client1', { 'new.lab': '10.0.0.2' })] },
    { name: 'client disagrees', surveys: [survey('new1', { 'new.lab': '10.0.0.2' }), survey('client1', { 'new.lab': '10.0.0.9' })], problem: /client1 resolves new\.lab to 10\.0\.0\.9, but the new server says 10\.0\.0\.2/ },
    { name: 'unresolvable on scm', surveys: [survey('new1', { 'new.lab': '10.0.0.2' }), survey('scm', { 'new.lab': null })], problem: /does not resolve on scm/ },
    { name: 'Debian 127.0.1.1', surveys: [survey('new1', { 'new.lab': '127.0.1.1' })], problem: /loopback address 127\.0\.1\.1/ },
    { name: 'other 127.x counts as routable in the lab', surveys: [survey('new1', { 'new.lab': '127.5.6.7' }), survey('c', { 'new.lab': '127.5.6.7' })] },
  ];
  for (const c of nameCases) {
    it(`checkNameAgreement: ${c.name}`, () => {
      const problems: Problem[] = [];
      const plan: NewServerPlan = { host: 'new1', name: 'new.lab', id: 2, ip: null, listed: false };
      checkNameAgreement(plan, c.surveys, problems);
      if (c.problem) assert.match(problems.map((p) => p.message).join('\n'), c.problem);
      else assert.deepEqual(problems, []);
    });
  }

  it('partition missing from vicetab and too long a path are both reported', () => {
    const problems: Problem[] = [];
    checkPartition(survey('new1', {}, { partition: '/a/very/long/partition/path/vicepa' }), ['/vicepa'], problems);
    assert.equal(problems.length, 2);
    assert.match(problems[0]!.message, /not in \/vice\/db\/vicetab/);
    assert.match(problems[1]!.message, /create_rep fails for 32 or more/);
  });

  it('selectVolumes: unknown volume, full volume, and a volume already done', () => {
    const problems: Problem[] = [];
    const plans: NewServerPlan[] = [{ host: 'new1', name: 'new', id: 2, ip: null, listed: true }];
    const lines = [
      { name: 'v1', groupId: 0x7f000001, count: 1, slots: [0x01000001, 0, 0, 0, 0, 0, 0, 0] },
      { name: 'full', groupId: 0x7f000002, count: 8, slots: [1, 2, 3, 4, 5, 6, 7, 8].map((n) => (n << 24) + 1) },
      { name: 'done', groupId: 0x7f000003, count: 2, slots: [0x01000002, 0x02000001, 0, 0, 0, 0, 0, 0] },
    ];
    const chosen = selectVolumes(['v1', 'nope', 'full', 'done'], lines, plans, 'scm', problems);
    assert.deepEqual(chosen.map((v) => v.name), ['v1', 'full', 'done']);
    assert.match(problems[0]!.message, /volume nope is not in VRList/);
    assert.equal(problems.length, 1, 'full already holds server 2 in slot 1, so it is done, not over the limit');
  });
});
