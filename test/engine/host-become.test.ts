// ansible_become on a host (inventory, group_vars …) makes its tasks run through sudo unless the task (or its
// play) says `become: false`, as in Ansible.
import assert from 'node:assert/strict';
import { runPlaybook } from '../../src/engine/run-playbook.js';
import type { Transport } from '../../src/transport/transport.js';
import { harness, play, task } from './fakes.js';

describe('engine: become from the inventory host', () => {
  const cases: [name: string, hostBecome: boolean | undefined, taskBecome: boolean | undefined, wrapped: boolean][] = [
    ['host become, task silent', true, undefined, true],
    ['host become, task become: false', true, false, false],
    ['no host become, task become: true', undefined, true, true],
    ['neither', undefined, undefined, false],
  ];
  for (const [name, hostBecome, taskBecome, wrapped] of cases) {
    it(`${name} -> ${wrapped ? 'sudo' : 'login user'}`, async () => {
      const h = harness([play([task('t', 'line', { path: '/f', text: 'x' }, { become: taskBecome })])], ['h1']);
      h.ctx.inventory.hosts.get('h1')!.become = hostBecome;
      const seen: string[] = [];
      h.ctx.helpers = { ...h.ctx.helpers, become: (t: Transport) => { seen.push(t.host); return t; } };
      assert.equal((await runPlaybook(h.ctx)).exitCode, 0);
      assert.deepEqual(seen, wrapped ? ['h1'] : []);
    });
  }
});
