// Every --help text is true (issue 10, item 4): every example each --help shows runs against a real lab and exits
// as the table says, and every documented default ([default: …]) is the value the command really uses.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HELP_EXAMPLES, EXAMPLE_INVENTORY, EXAMPLE_LAB_DIR, type HelpExample } from '../../src/cli/help-examples.js';
import { codaplay } from '../helpers/cli.js';
import { labUp, type LabCell } from '../helpers/lab-cell.js';

const COMMANDS = ['', 'run', 'ping', 'validate', 'lab', 'lab up', 'lab down', 'lab status', 'lab fault', 'inventory discover'];
const help = async (command: string) => (await codaplay([...command.split(' ').filter(Boolean), '--help'])).stdout;

interface LabFacts { dir: string; inventory: string; scmIp: string; user: string; key: string; knownHosts: string; sshPort: number }

function factsOf(dir: string): LabFacts {
  const lab = JSON.parse(readFileSync(join(dir, 'lab.json'), 'utf8')) as { user: string; sshPort: number; hosts: { role: string; ip: string }[] };
  return { dir, inventory: join(dir, 'inventory.yaml'), scmIp: lab.hosts.find((h) => h.role === 'scm')!.ip, user: lab.user, key: join(dir, 'keys/id_ed25519'), knownHosts: join(dir, 'keys/known_hosts'), sshPort: lab.sshPort };
}

/** The example's words with the placeholders replaced by a lab's; discover also needs the lab's ssh port and key. */
function onLab(e: HelpExample, lab: LabFacts, scratch: string): string[] {
  const words: Record<string, string> = {
    [EXAMPLE_INVENTORY]: lab.inventory, [EXAMPLE_LAB_DIR]: lab.dir, 'scm.example.org': lab.scmIp, root: lab.user,
    '~/.ssh/coda_admin': lab.key, '~/.ssh/known_hosts': lab.knownHosts, 'cell.yaml': join(scratch, 'cell.yaml'),
  };
  const args = e.args.map((w) => words[w] ?? w);
  if (args[0] !== 'inventory') return args;
  return [...args, '--port', String(lab.sshPort), ...(args.includes('-i') ? [] : ['-i', lab.key, '--known-hosts', lab.knownHosts])];
}

const allExamples = (): HelpExample[] => {
  const seen = new Set<string>();
  return Object.values(HELP_EXAMPLES).flat().filter((e) => !seen.has(e.args.join(' ')) && seen.add(e.args.join(' ')));
};
const isLabUp = (e: HelpExample) => e.args[0] === 'lab' && e.args[1] === 'up';
const isLabDown = (e: HelpExample) => e.args[0] === 'lab' && e.args[1] === 'down';

/** `[default: X]` of every option and positional in a help text, by name (wrapped lines joined per entry). */
export function documentedDefaults(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let name: string | undefined;
  let block = '';
  const flush = () => {
    const m = /\[default: (.*?)\](?= |$)/.exec(block);
    if (name && m) out.set(name, m[1]!);
  };
  for (const l of text.split('\n')) {
    const start = /^ {2}(?:-\w, )?\s*--([\w-]+)|^ {2}(\w[\w-]*) {2,}/.exec(l);
    if (start && !/^ {2}codaplay /.test(l)) { flush(); name = start[1] ?? start[2]; block = l; } else block += ` ${l.trim()}`;
  }
  flush();
  return out;
}

describe('--help tells the truth', function () {
  this.timeout(900_000);
  let cell: LabCell;
  const scratch = mkdtempSync('/tmp/cph-');
  before(async () => { cell = await labUp(['--volumes', '2', '--files', '4']); });
  after(async () => { await cell?.down(); rmSync(scratch, { recursive: true, force: true }); });

  it('every example shown by a --help is in the table the test runs (no untested example)', async () => {
    for (const command of COMMANDS) {
      const text = await help(command);
      const examples = text.includes('\nExamples:') ? text.slice(text.indexOf('\nExamples:')) : '';
      const shown = examples.split('\n').filter((l) => /^ {2}codaplay /.test(l)).length;
      assert.equal(shown, HELP_EXAMPLES[command]?.length ?? 0, `examples in "codaplay ${command} --help"`);
    }
  });

  it('lab up --help shows lab up\'s options, not lab\'s', async () => {
    const text = await help('lab up');
    assert.match(text, /--servers/);
    assert.match(text, /--coda-version/);
    assert.doesNotMatch(text, /--replicas|--clear/);
  });

  it('every lab up example starts a cell (a fresh directory each), and its defaults are the ones --help documents', async () => {
    const upDefaults = documentedDefaults(await help('lab up'));
    for (const e of allExamples().filter(isLabUp)) {
      const dir = mkdtempSync('/tmp/cpe-');
      try {
        const r = await codaplay(onLab(e, { ...factsOf(cell.dir), dir }, scratch));
        assert.equal(r.code, e.exit, `codaplay ${e.args.join(' ')}:\n${r.stderr}`);
        if (e.args.length === 4) assertLabUpDefaults(dir, upDefaults, await codaplay(['lab', 'status', '--replicas', '--dir', dir]));
      } finally {
        await codaplay(['lab', 'down', '--dir', dir]);
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it('every documented default of every command is checked against the real value', async () => {
    const first = (await codaplay(['lab', 'status'])).stdout.split('\n')[0]!;
    const realDir = /^no lab in (\S+)$/.exec(first)?.[1] ?? /^lab (\S+):/.exec(first)?.[1];
    assert.ok(realDir, `lab status names the directory it read: ${first}`);
    let sshConfigChecked = false;
    const PROBES: Record<string, (documented: string) => Promise<void> | void> = {
      // lab commands without --dir look in the documented directory (lab status says which one it read).
      dir: (d) => assert.equal(JSON.parse(d), realDir),
      // Without -F, ~/.ssh/config is read: a host alias only a HOME's ssh config knows is reached.
      'ssh-config': async (d) => {
        assert.equal(d, '~/.ssh/config');
        if (sshConfigChecked) return;
        await assertHomeSshConfigRead(factsOf(cell.dir), scratch);
        sshConfigChecked = true;
      },
      // Flags: absent means off, which is what every handler receives.
      false: (d) => assert.equal(d, 'false'),
      knobs: (d) => assert.equal(d, '[]'),
    };
    const labUpChecked = ['servers', 'new-servers', 'clients', 'volumes', 'files', 'coda-version', 'time-factor', 'update-interval', 'bare-new-server', 'tool-workers'];
    for (const command of COMMANDS) {
      for (const [name, value] of documentedDefaults(await help(command))) {
        if (command === 'lab up' && labUpChecked.includes(name)) continue; // checked on a lab up with no options above
        const probe = PROBES[name] ?? (value === 'false' ? PROBES.false : undefined);
        assert.ok(probe, `"codaplay ${command} --help" documents --${name} [default: ${value}] and no probe checks it`);
        await probe(value);
      }
    }
  });
  it('every other example exits as documented on a running lab (lab down last)', async () => {
    const lab = factsOf(cell.dir);
    const examples = allExamples().filter((e) => !isLabUp(e));
    for (const e of [...examples.filter((x) => !isLabDown(x)), ...examples.filter(isLabDown)]) {
      const r = await codaplay(onLab(e, lab, scratch));
      assert.equal(r.code, e.exit, `codaplay ${e.args.join(' ')} exited ${r.code}:\n${r.stdout.slice(-1500)}\n${r.stderr.slice(-1500)}`);
      if (e.args[1] === 'fault') await cell.clearFaults(e.args[2]!);
    }
    assert.match(readFileSync(join(scratch, 'cell.yaml'), 'utf8'), /coda_name: scm\.coda\.lab/, 'the discover example wrote its inventory');
    const after = (await codaplay(['lab', 'status', '--dir', cell.dir])).stdout;
    assert.match(after, /^scm /m);
    assert.doesNotMatch(after, /\d+ up/, 'the lab down example stopped every process of the lab');
  });

});

async function assertHomeSshConfigRead(lab: LabFacts, scratch: string): Promise<void> {
  const home = join(scratch, 'home');
  mkdirSync(join(home, '.ssh'), { recursive: true });
  writeFileSync(join(home, '.ssh', 'config'), `Host labscm\n  HostName ${lab.scmIp}\n  Port ${lab.sshPort}\n  User ${lab.user}\n  IdentityFile ${lab.key}\n  UserKnownHostsFile ${lab.knownHosts}\n`);
  const inventory = join(scratch, 'alias.yaml');
  writeFileSync(inventory, 'all:\n  hosts:\n    labscm: {}\n');
  const r = await codaplay(['ping', '-i', inventory], { HOME: home });
  assert.equal(r.code, 0, `ping through ~/.ssh/config's alias:\n${r.stdout}${r.stderr}`);
}

/** A lab up with no options: count what it built and compare with --help's defaults. */
function assertLabUpDefaults(dir: string, documented: Map<string, string>, status: { stdout: string }): void {
  const lab = JSON.parse(readFileSync(join(dir, 'lab.json'), 'utf8')) as { version: string; timeFactor: number; updateIntervalSec: number; toolWorkers?: number; hosts: { role: string; bare?: boolean }[] };
  const count = (role: string) => lab.hosts.filter((h) => h.role === role).length;
  const vrlist = readFileSync(join(dir, 'scm/vice/db/VRList'), 'utf8').split('\n').filter(Boolean);
  const files = [...status.stdout.matchAll(/scm:vol\S+ \(\w+\): \d+ objects, (\d+) files/g)].map((m) => Number(m[1]));
  const real: Record<string, string> = {
    servers: String(count('scm') + count('server')), 'new-servers': String(count('new-server')), clients: String(count('client')),
    volumes: String(vrlist.length - 1), files: String(files[0]), 'coda-version': JSON.stringify(lab.version),
    'time-factor': String(lab.timeFactor), 'update-interval': String(lab.updateIntervalSec), 'bare-new-server': String(lab.hosts.some((h) => h.bare === true)),
    'tool-workers': String(lab.toolWorkers),
  };
  assert.ok(files.length > 0 && files.every((n) => n === files[0]), `files per volume from lab status --replicas: ${status.stdout}`);
  for (const [name, value] of Object.entries(real)) assert.equal(documented.get(name), value, `lab up --${name}: --help says ${documented.get(name)}, a lab up with no options has ${value}`);
}
