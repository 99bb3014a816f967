import assert from 'node:assert/strict';
import { dialogFor, generationFromUsage, type SetupAnswers } from '../../../src/coda/vice-setup/answers.js';
import { Dialog } from '../../../src/coda/vice-setup/dialog.js';

const base: SetupAnswers = {
  generation: 8, vicedir: '/vice', scm: false, scmName: 'scm1.coda.test', updateToken: 'updtok', codatunnel: false,
  rvmLog: '/vice-rvm/LOG', rvmLogSize: '2M', rvmData: '/vice-rvm/DATA', rvmDataSize: '32M', partition: '/vicepa', maxFiles: '256K',
};

// The prompts as Coda 8.1's scripts print them (echon: no newline; the maximum-files question is two echos).
const NON_SCM_PROMPTS = [
  'Welcome to the Coda Server Setup script!\n\nSetting up config files for a coda server.\nWhat is the root directory for your coda server(s)? [/vice] ',
  'Setting up /vice.\nDirectories under /vice are set up.\n\nIs this the master server, aka the SCM machine? (y/n) ',
  'Enter the hostname of the SCM machine : ',
  'Enter the update token that matches SCM scm1.coda.test: ',
  'Fetching needed files from SCM scm1.coda.test.\n\nDone.\nWould you like codatunnel enabled? [yes/no] ',
  'Now installing things specific to non-SCM machines...\n\nWARNING: these choices are not easy to change once you are up and running.\n\nAre you ready to set up RVM? [yes/no] ',
  'What will be your log file (or partition)? ',
  "\nThe log size must be smaller than the available space in the log\npartition.\nWhat is your log size? (enter as e.g. '20M') ",
  'Where is your data file (or partition)? ',
  '\nWhat is the size of you data file (or partition)\n[32M, 64M, 128M, 256M, 512M, 768M, 1G]: ',
  '\n  --- log area: /vice-rvm/LOG, size 2M.\n\nProceed, and wipe out old data? [y/n] ',
  'RVM setup is done!\n\nWhere shall we store your file data [/vicepa]? ',
  'Shall I set up a vicetab entry for /vicepa (y/n) ',
  'Select the maximum number of files for the server.\n[256K, 1M, 2M, 16M]: \n',
];
const NON_SCM_ANSWERS = ['/vice', 'n', 'scm1.coda.test', 'updtok', 'no', 'yes', '/vice-rvm/LOG', '2M', '/vice-rvm/DATA', '32M', 'y', '/vicepa', 'y', '256K'];
const SCM_ANSWERS = ['/vice', 'y', 'updtok', 'authtok', 'voltok', 'no', '1', '1001', 'admin', 'yes', '/vice-rvm/LOG', '2M', '/vice-rvm/DATA', '32M', 'y', '/vicepa', 'y', '256K', 'n'];

describe('vice-setup dialog', () => {
  it('non-SCM path: the answers OBSERVED.md used, in its order', () => {
    assert.deepEqual(dialogFor(base).map((s) => s.answer), NON_SCM_ANSWERS);
  });
  it('SCM path: the answers OBSERVED.md used, in its order', () => {
    const steps = dialogFor({ ...base, scm: true, auth2Token: 'authtok', volutilToken: 'voltok', serverId: 1, adminUid: 1001, adminName: 'admin' });
    assert.deepEqual(steps.map((s) => s.answer), SCM_ANSWERS);
    assert.deepEqual(steps.filter((s) => s.secret).map((s) => s.label), ['update token', 'auth2 token', 'volutil token']);
  });
  it('answers each transcript prompt as it appears, and only then', () => {
    const d = new Dialog(dialogFor(base));
    const sent: string[] = [];
    for (const prompt of NON_SCM_PROMPTS) {
      d.feed(prompt.slice(0, -3));
      assert.equal(d.decide(false).kind, 'wait', 'a partial prompt is not answered');
      d.feed(prompt.slice(-3));
      const action = d.decide(false);
      assert.equal(action.kind, 'answer');
      if (action.kind === 'answer') sent.push(action.text.trimEnd());
    }
    assert.deepEqual(sent, NON_SCM_ANSWERS);
    assert.ok(d.finished);
  });
  it('stops at a prompt it does not know, naming it and the answer it was about to give', () => {
    const d = new Dialog(dialogFor(base));
    d.feed(NON_SCM_PROMPTS[0]!);
    assert.equal(d.decide(false).kind, 'answer');
    d.feed('Setting up /vice.\nDo you want IPv6 only? (y/n) ');
    assert.equal(d.decide(false).kind, 'wait', 'not judged until the output settles');
    const action = d.decide(true);
    assert.equal(action.kind, 'unexpected');
    if (action.kind === 'unexpected') {
      assert.equal(action.prompt, 'Do you want IPv6 only? (y/n) ');
      assert.equal(action.expected.label, 'is this the SCM');
      assert.equal(action.expected.answer, 'n');
    }
    assert.equal(d.answered, 1);
  });
  it('ordinary output that is not a question is not mistaken for one', () => {
    const d = new Dialog(dialogFor(base));
    d.feed('Welcome to the Coda Server Setup script!\n');
    assert.equal(d.decide(true).kind, 'wait');
  });
  it('answers a prompt printed with echo (followed by a newline), as vice-setup-srvdir prints the maximum-files one', () => {
    const steps = dialogFor(base);
    const d = new Dialog(steps.slice(-1));
    d.feed('Select the maximum number of files for the server.\n[256K, 1M, 2M, 16M]: \n');
    const action = d.decide(false);
    assert.equal(action.kind, 'answer');
    assert.ok(d.finished);
  });
  it('an unexpected question ending in a newline is judged on the last non-empty line, named with its text', () => {
    const d = new Dialog(dialogFor(base));
    d.feed(NON_SCM_PROMPTS[0]!);
    d.decide(false);
    d.feed('Setting up /vice.\nSelect the IPv6 mode for the server.\n[off, dual, only]: \n\n');
    assert.equal(d.decide(false).kind, 'wait', 'not judged until the output settles');
    const action = d.decide(true);
    assert.equal(action.kind, 'unexpected');
    if (action.kind === 'unexpected') {
      assert.equal(action.prompt, 'Select the IPv6 mode for the server. [off, dual, only]: ');
      assert.equal(action.expected.label, 'is this the SCM');
    }
  });
  it('Coda 6.9.10: server.conf question first, no codatunnel question', () => {
    const steps = dialogFor({ ...base, generation: 6 });
    assert.deepEqual(steps.map((s) => s.label).slice(0, 6), ['create server.conf', 'vicedir', 'is this the SCM', 'SCM hostname', 'update token', 'ready to set up RVM']);
    assert.ok(steps[0]!.prompt.test('Setting up config files for a coda server.\nDo you want the file /usr/etc/server.conf created? [yes] '));
    assert.equal(steps[0]!.answer, 'yes');
  });
  it('a forced run over an existing server.conf answers "continue" first', () => {
    const steps = dialogFor({ ...base, confExists: true });
    assert.equal(steps[0]!.label, 'remove the existing server.conf');
    assert.ok(steps[0]!.prompt.test('You already have a file /etc/coda/server.conf!\nContinuing will remove that file.\nDo you want to continue? [yes/no] '));
  });
  const USAGES: [string, 6 | 8 | null][] = [
    ['Usage: /usr/sbin/vice-setup [-n number-of-server-processes]\n', 6],
    ['Usage: /usr/sbin/vice-setup\n', 8],
    ['sh: 1: vice-setup: not found\n', null],
  ];
  for (const [usage, want] of USAGES) it(`version from the usage text: ${JSON.stringify(usage)} -> ${want}`, () => assert.equal(generationFromUsage(usage), want));
});
