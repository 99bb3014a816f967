import assert from 'node:assert/strict';
import { evalCondition, renderTemplate, renderValue } from '../../src/playbook/templating.js';

const vars = {
  l: [3, 1, 2, 1], s: ' Ab ', p: '/vice/db/servers', j: '{"a":1}', n: 2, u: null, empty: '', q: "it's",
  servers: [{ name: 'a', id: 1, up: true }, { name: 'b', id: 9, up: false }],
  result: { rc: 1, stdout: 'volume 7f000001 has 2 replicas' }, item: { count: 7 },
};

describe('templating: filters Ansible users expect', () => {
  const cases: [string, unknown][] = [
    ["{{ l | join(',') }}", '3,1,2,1'], ['{{ l | length }}', 4], ['{{ s | trim | lower }}', 'ab'], ['{{ s | upper }}', ' AB '],
    ["{{ missing | default('d') }}", 'd'], ["{{ empty | default('d', true) }}", 'd'], ["{{ '12' | int }}", 12], ["{{ 'x' | int }}", 0],
    ["{{ 'yes' | bool }}", true], ["{{ 'off' | bool }}", false], ['{{ servers | to_json }}', JSON.stringify(vars.servers)], ['{{ j | from_json }}', { a: 1 }],
    ["{{ result.stdout | regex_search('[0-9]+ replicas') }}", '2 replicas'], ["{{ result.stdout | regex_replace('[0-9a-f]{8}', 'ID') }}", 'volume ID has 2 replicas'],
    ['{{ p | basename }}', 'servers'], ['{{ p | dirname }}', '/vice/db'], ['{{ q | quote }}', String.raw`'it'\''s'`],
    ["{{ servers | map(attribute='name') | list }}", ['a', 'b']], ["{{ servers | selectattr('up') | map(attribute='name') | list }}", ['a']],
    ["{{ servers | selectattr('id', 'gt', 5) | map(attribute='name') | list }}", ['b']], ["{{ servers | rejectattr('name', 'equalto', 'a') | map(attribute='id') | list }}", [9]],
    ["{{ l | select('odd') | list }}", [3, 1, 1]], ["{{ l | reject('odd') | list }}", [2]], ['{{ l | unique }}', [3, 1, 2]], ['{{ l | sort }}', [1, 1, 2, 3]],
    ['{{ l | first }}', 3], ['{{ l | last }}', 1], ['{{ l | min }}', 1], ['{{ l | max }}', 3], ['{{ l | difference([1, 2]) }}', [3]], ['{{ l | union([5]) }}', [3, 1, 2, 5]],
    ['{{ l | intersect([2, 9]) }}', [2]], ['{{ l[1:] }}', [1, 2, 1]], ['{{ True }}', true], ['{{ n * 2 }}', 4], ['{{ u }}', null], ['n={{ n }}', 'n=2'],
  ];
  for (const [template, want] of cases) it(template, () => assert.deepEqual(renderValue(template, vars), want));
  it('renders whole template files (the template module)', () => assert.equal(renderTemplate('{% for s in servers %}{{ s.name }}={{ s.id }}\n{% endfor %}', vars), 'a=1\nb=9\n'));
  const undefinedCases = ['{{ nope }}', 'x {{ nope }} y', '{{ nope | join(",") }}', { deep: ['{{ nope }}'] }];
  for (const input of undefinedCases) it(`an undefined variable is an error: ${JSON.stringify(input)}`, () => assert.throws(() => renderValue(input, vars), /nope|undefined/));
});

describe('conditions (when, until, changed_when, failed_when)', () => {
  const cases: [string | boolean, boolean][] = [
    ['result.rc != 0', true], ["'2 replicas' in result.stdout", true], ['item.count < 8', true], ['item.count >= 8', false],
    ['result.rc == 1 and item.count > 1', true], ['not (result.rc != 0)', false], ['missing is defined', false], ['missing is not defined', true],
    ['result.stdout is defined', true], ["result.stdout is search('7f0+1')", true], ["result.stdout is match('replicas')", false],
    ["result.stdout | regex_search('[0-9]+ replicas')", true], ["result.stdout | regex_search('absent')", false], ['{{ result.rc }} == 1', true],
    ['{{ n > 3 }}', false], ['l | length == 4', true], ['u is none', true], ['empty', false], ["'no'", false], ["'yes'", true], [false, false], ['False', false],
  ];
  for (const [expr, want] of cases) it(`${String(expr)} -> ${want}`, () => assert.equal(evalCondition(expr, vars), want));
  it('an undefined name in a condition is an error naming it', () => assert.throws(() => evalCondition('nope.rc == 0', vars), /'nope' is undefined/));
});
