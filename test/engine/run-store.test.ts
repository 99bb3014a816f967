// The run store and predict() (DESIGN rule 12): in check mode a module's predicted state reaches the later tasks
// (so the check recap equals the run's); in a real run the store is emptied after every change, so a cached fact
// is never read stale.
import assert from 'node:assert/strict';
import { z } from 'zod';
import type { ModuleDefinition } from '../../src/modules/module.js';
import { runPlaybook } from '../../src/engine/run-playbook.js';
import { harness, modules, play, results, task } from './fakes.js';

/** Like `line`, but it caches what it read in the run store and predicts what it would write. */
const cachedLine: ModuleDefinition = {
  name: 'cached_line', summary: 'ensure file content, through the run store', checkModeSafe: true,
  schema: z.object({ path: z.string(), text: z.string() }).strict(),
  async probe(ctx, a: { path: string; text: string }) {
    const key = `${ctx.host.name}:${a.path}`;
    let known = ctx.runStore?.get(key) as string | undefined;
    if (known === undefined) {
      known = (await ctx.transport.readFile(a.path))?.toString() ?? '';
      ctx.runStore?.set(key, known);
    }
    return known === a.text ? { changes: [], reason: 'up to date' } : { changes: [`write ${a.path}`], reason: 'would write' };
  },
  predict(ctx, a: { path: string; text: string }) {
    ctx.runStore?.set(`${ctx.host.name}:${a.path}`, a.text);
  },
  async apply(ctx, a: { path: string; text: string }) {
    await ctx.transport.writeFileAtomic(a.path, a.text);
    return { changed: true, reason: 'wrote' };
  },
} as ModuleDefinition;
modules.set('cached_line', cachedLine);

const tasks = [
  task('first', 'cached_line', { path: '/f', text: 'a' }),
  task('again', 'cached_line', { path: '/f', text: 'a' }),
  task('other', 'cached_line', { path: '/f', text: 'b' }),
];

describe('engine: run store and predict()', () => {
  for (const check of [true, false]) {
    it(`${check ? '--check' : 'a real run'}: first changed, again ok, other changed (the same recap either way)`, async () => {
      const h = harness([play(tasks)], ['h1'], { check });
      await runPlaybook(h.ctx);
      assert.deepEqual(results(h.events).map((r) => `${r.task}:${r.status}`), ['first:changed', 'again:ok', 'other:changed']);
      assert.equal(h.transports.get('h1')!.files.get('/f'), check ? undefined : 'b');
    });
  }
});
