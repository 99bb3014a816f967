// Entry of the lab's tool service process: `node main.js <labdir>`, started detached by `lab up` (launch.ts) and
// ended by `lab down` through its pid file (SIGTERM: it stops listening, ends its workers, exits).
import { ToolService } from './service.js';
import { servicePaths } from './paths.js';
import { loadLabConfig } from '../core/lab-config.js';

const labDir = process.argv[2];
if (!labDir) {
  process.stderr.write('usage: main.js <labdir>\n');
  process.exit(2);
}
const service = new ToolService(servicePaths(labDir), loadLabConfig(labDir).toolWorkers);
for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
  process.on(sig, () => {
    service.stop();
    process.exit(0);
  });
}
await service.listen();
