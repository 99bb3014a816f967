// A host that a module on another host cannot reach (coda_preflight on the SCM reaches every host) is counted
// unreachable, and the run exits 4, as ansible-playbook does for any unreachable host.
import assert from 'node:assert/strict';
import { z } from 'zod';
import { runPlaybook } from '../../src/engine/run-playbook.js';
import type { ModuleContext, ModuleDefinition } from '../../src/modules/module.js';
import { harness, modules, play, results, task } from './fakes.js';

const reachAll: ModuleDefinition = {
  name: 'reach_all', summary: 'connect to every host of a group, fail if one does not answer', checkModeSafe: true,
  schema: z.object({ group: z.string() }).strict(),
  async probe(ctx: ModuleContext, args: { group: string }) {
    const failures: string[] = [];
    for (const host of ctx.cluster!.hostsOf(args.group)) {
      try { await ctx.cluster!.transportFor(host); } catch { failures.push(host); }
    }
    if (failures.length) throw new Error(`cannot reach ${failures.join(', ')}`);
    return { changes: [], reason: 'every host answers' };
  },
  async apply() { return { changed: false, reason: 'nothing' }; },
} as unknown as ModuleDefinition;

describe('engine: a host found unreachable by a module running elsewhere', () => {
  const run = async (unreachable: Record<string, { unreachable: boolean }>) => {
    const h = harness([play([task('check the cell', 'reach_all', { group: 'all' })], { hosts: 'h1' }), play([task('after', 'line', { path: '/f', text: 'x' })])], ['h1', 'h2', 'h3'], {}, unreachable);
    (h.ctx.registry as Map<string, ModuleDefinition>) = new Map([...modules, ['reach_all', reachAll]]);
    return { h, out: await runPlaybook(h.ctx) };
  };

  it('counts that host unreachable (not the module\'s host), exit 4, and runs nothing more', async () => {
    const { h, out } = await run({ h3: { unreachable: true } });
    const rs = results(h.events);
    assert.deepEqual(rs.filter((r) => r.task === 'check the cell').map((r) => `${r.host}/${r.status}`), ['h1/failed', 'h3/unreachable']);
    assert.match(rs.find((r) => r.host === 'h3')!.reason, /connect: connection refused \(found by task "check the cell"\)/);
    assert.equal(out.stats.h3!.unreachable, 1);
    assert.equal(out.exitCode, 4);
    assert.equal(rs.filter((r) => r.task === 'after').length, 0, 'the failed check stopped the run');
  });

  it('every host reachable: no extra result, exit 0', async () => {
    const { h, out } = await run({});
    assert.deepEqual(results(h.events).map((r) => `${r.task}/${r.host}/${r.status}`), ['check the cell/h1/ok', 'after/h1/changed', 'after/h2/changed', 'after/h3/changed']);
    assert.equal(out.exitCode, 0);
  });
});
