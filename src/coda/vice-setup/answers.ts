// vice-setup's questions, in the order the scripts ask them (coda-src/scripts/vice-setup*.in of Coda 8.1 and
// 6.9.10; OBSERVED.md; REFERENCE §7.9), paired with the answer taken from the inventory. Each prompt is matched by
// a pattern of its own words, so a different Coda version that asks something else is caught instead of being
// fed the wrong answer. 6.9.10 first asks whether to create server.conf and never asks about codatunnel.

/** Whose scripts run on the host: 6 = Coda 6.x (6.9.10's wording), 8 = Coda 8.x. */
export type ViceSetupGeneration = 6 | 8;

export interface SetupAnswers {
  generation: ViceSetupGeneration;
  /** server.conf already exists: vice-setup first asks whether to continue and remove it (forced runs only). */
  confExists?: boolean;
  vicedir: string;
  scm: boolean;
  /** SCM's hostname (non-SCM path). */
  scmName?: string;
  updateToken: string;
  auth2Token?: string;
  volutilToken?: string;
  codatunnel: boolean;
  serverId?: number;
  adminUid?: number;
  adminName?: string;
  rvmLog: string;
  rvmLogSize: string;
  rvmData: string;
  rvmDataSize: string;
  partition: string;
  maxFiles: string;
}

export interface DialogStep {
  /** What the question is about, for messages. */
  label: string;
  /** Matches the tail of the output when the script waits for this answer (one trailing newline is ignored). */
  prompt: RegExp;
  answer: string;
  secret: boolean;
}

const step = (label: string, prompt: RegExp, answer: string | number, secret = false): DialogStep => ({ label, prompt, answer: String(answer), secret });

function rvmSteps(a: SetupAnswers): DialogStep[] {
  return [
    step('ready to set up RVM', /Are you ready to set up RVM\? \[yes\/no\] $/, 'yes'),
    step('RVM log file', /What will be your log file \(or partition\)\? $/, a.rvmLog),
    step('RVM log size', /What is your log size\? \(enter as e\.g\. '20M'\) $/, a.rvmLogSize),
    step('RVM data file', /Where is your data file \(or partition\)\? $/, a.rvmData),
    step('RVM data size', /\[32M, 64M, 128M, 256M, 512M, 768M, 1G\]: $/, a.rvmDataSize),
    step('wipe RVM log and data', /Proceed, and wipe out old data\? \[y\/n\] $/, 'y'),
    step('partition', /Where shall we store your file data \[\/vicepa\]\? $/, a.partition),
    step('vicetab entry', /Shall I set up a vicetab entry for \S+ \(y\/n\) $/, 'y'),
    // Printed with `echo`: the output waiting for this answer ends `]: \n` (OBSERVED, corrections).
    step('maximum number of files', /\[256K, 1M, 2M, 16M\]: $/, a.maxFiles),
  ];
}

/** The whole dialog for this host: SCM path or non-SCM path. */
export function dialogFor(a: SetupAnswers): DialogStep[] {
  const v6 = a.generation === 6;
  const head = [
    ...(a.confExists ? [step('remove the existing server.conf', /Do you want to continue\? \[yes\/no\] $/, 'yes')] : []),
    ...(v6 ? [step('create server.conf', /Do you want the file \S+ created\? \[yes\] $/, 'yes')] : []),
    step('vicedir', /What is the root directory for your coda server\(s\)\? \[\/vice\] $/, a.vicedir),
    step('is this the SCM', /Is this the master server, aka the SCM machine\? \(y\/n\) $/, a.scm ? 'y' : 'n'),
  ];
  const tunnel = v6 ? [] : [step('codatunnel', /Would you like codatunnel enabled\? \[yes\/no\] $/, a.codatunnel ? 'yes' : 'no')];
  if (!a.scm) {
    return [
      ...head,
      step('SCM hostname', /Enter the hostname of the SCM machine : $/, a.scmName ?? ''),
      step('update token', /Enter the update token that matches SCM \S+: $/, a.updateToken, true),
      ...tunnel,
      ...rvmSteps(a),
    ];
  }
  return [
    ...head,
    step('update token', /Enter a random token for update authentication : $/, a.updateToken, true),
    step('auth2 token', /Enter a random token for auth2 authentication : $/, a.auth2Token ?? '', true),
    step('volutil token', /Enter a random token for volutil authentication : $/, a.volutilToken ?? '', true),
    ...tunnel,
    step('SCM server id', /serverid: $/, a.serverId ?? 1),
    step('admin uid', /Enter the uid of this user: $/, a.adminUid ?? 1001),
    step('admin name', /Enter the username of this user: $/, a.adminName ?? 'admin'),
    ...rvmSteps(a),
    step('start the servers now', /Shall I try to get things started\? \(y\/n\) $/, 'n'),
  ];
}

/**
 * Which scripts a host runs, from what `vice-setup` with one argument prints (both versions print their usage
 * and exit 1 without touching anything): 6.x's usage offers `-n number-of-server-processes`, 8.x's nothing.
 * Null when the text says neither (no vice-setup on PATH).
 */
export function generationFromUsage(usage: string): ViceSetupGeneration | null {
  if (/Usage: \S*vice-setup \[-n number-of-server-processes\]/.test(usage)) return 6;
  if (/Usage: \S*vice-setup\s*$/m.test(usage)) return 8;
  return null;
}
