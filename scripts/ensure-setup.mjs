// Runs before `npm test`, `npm run demo` and `npm run bench` so that a fresh clone needs no other step:
// installs dependencies when they are missing, builds dist/ (the lab's simulated Coda tools run from it),
// and says clearly when OpenSSH's sshd is missing (tests and the lab start real sshd processes).
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const run = (cmd) => execSync(cmd, { stdio: 'inherit' });
if (!existsSync('node_modules/.package-lock.json')) run('npm ci --no-audit --no-fund');
run('npx tsc -p tsconfig.json');
const sshdPaths = ['/usr/sbin/sshd', '/usr/local/sbin/sshd', '/sbin/sshd'];
if (!sshdPaths.some((p) => existsSync(p))) {
  console.error('codaplay: OpenSSH sshd is not installed; the lab and the integration tests need it.\n' +
    '  Debian/Ubuntu: apt-get install -y openssh-server   (bash .ci/run does this for CI)');
  process.exit(1);
}
