// Entry point of every simulated Coda tool and daemon run as its own process: `node main.js <tool> args…`.
// The lab's bin/ shims normally hand calls to the lab's tool service instead (src/lab/service/) and come here
// only when the service is not running; daemons detach by starting `main.js <tool> … --foreground`.
// Each tool is a module exporting `main(argv): Promise<number>` (the exit status); see load-tool.ts.

import { recordLabCall } from '../core/call-log.js';
import { loadTool } from './load-tool.js';
import { ALL_TOOLS } from './tool-names.js';

async function runTool(tool: string, argv: string[]): Promise<number> {
  if (!ALL_TOOLS.includes(tool)) {
    process.stderr.write(`${tool}: not a simulated Coda tool\n`);
    return 127;
  }
  return (await loadTool(tool)).main(argv);
}

const [tool, ...args] = process.argv.slice(2);
// The process's own start (Node's time origin), so a call's time includes what a real tool's start-up costs.
const startedAt = Math.round(performance.timeOrigin);
// 'exit' also fires for daemons that end with process.exit (codasrv after a shutdown): their exit time is when
// the server really went away.
process.on('exit', (code) => recordLabCall(process.env.CODA_LAB_DIR, { host: process.env.CODA_LAB_HOST ?? '', tool: tool ?? '', args, start: startedAt, end: Date.now(), code }));
runTool(tool ?? '', args).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${tool}: internal simulator error: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 250;
  },
);
