// Real sshd: a host whose sshd (and its connections) stops between two tasks is reported unreachable while the
// other hosts finish the play. Driven in-process so the test can stop sshd exactly between tasks.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPlaybook } from '../../src/engine/run-playbook.js';
import { defaultRunOptions } from '../../src/engine/run-context.js';
import type { RunEvent } from '../../src/engine/events.js';
import { loadInventory } from '../../src/inventory/load-inventory.js';
import { loadPlaybook } from '../../src/playbook/load-playbook.js';
import { builtinModules } from '../../src/modules/registry.js';
import { projectHelpers, transportFactory } from '../../src/cli/project.js';
import { startSshCluster, type SshCluster } from '../helpers/ssh-cluster.js';
import { writeInventory } from '../cli/cli-fixtures.js';

describe('engine over real sshd: a host lost mid-run', function () {
  this.timeout(60_000);
  let c: SshCluster;
  before(async () => { c = await startSshCluster(3); });
  after(async () => { await c?.stop(); });

  it('reports the lost host unreachable and lets the others finish', async () => {
    const inv = loadInventory(writeInventory(c, join(c.dir, 'inv.yaml')));
    const pbFile = join(c.dir, 'pb.yaml');
    writeFileSync(pbFile, ['- name: P', '  hosts: all', '  tasks:',
      // step 2 lasts a second, so the stop begun at the end of step 1 lands while it runs, however fast ssh is.
      ...[1, 2, 3].flatMap((i) => [`    - name: step ${i}`, i === 2 ? '      shell:' : '      command:', `        cmd: ${i === 2 ? '"sleep 1; echo 2"' : `echo ${i}`}`])].join('\n') + '\n');
    const events: RunEvent[] = [];
    const h3 = c.hosts[2]!;
    const outcome = await runPlaybook({
      playbook: loadPlaybook(pbFile, builtinModules), inventory: inv, registry: builtinModules, options: defaultRunOptions(),
      helpers: projectHelpers(), createTransport: transportFactory(false),
      listener: (e) => { events.push(e); if (e.type === 'task-end' && e.task === 'step 1') void h3.stop(); },
    });
    // stop() starts synchronously at the end of step 1; h3 loses its connection during step 2.
    const results = events.flatMap((e) => (e.type === 'host-task-result' ? [e.result] : []));
    const of = (host: string) => results.filter((r) => r.host === host).map((r) => `${r.task}:${r.status}`);
    assert.deepEqual(of('h1'), ['step 1:changed', 'step 2:changed', 'step 3:changed']);
    assert.deepEqual(of('h2'), ['step 1:changed', 'step 2:changed', 'step 3:changed']);
    assert.equal(of('h3')[0], 'step 1:changed');
    assert.equal(of('h3').at(-1)?.split(':')[1], 'unreachable', JSON.stringify(results.filter((r) => r.host === 'h3')));
    assert.equal(outcome.stats.h3!.unreachable, 1);
    assert.equal(outcome.exitCode, 4);
  });
});
