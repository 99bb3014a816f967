// Entry point of every simulated Coda tool and daemon run as its own process: `node main.js <tool> args…`.
// The lab's bin/ shims normally hand calls to the lab's tool service instead (src/lab/service/) and come here
// only when the service is not running; daemons detach by starting `main.js <tool> … --foreground`.
// Each tool is a module exporting `main(argv): Promise<number>` (the exit status); see load-tool.ts.

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
runTool(tool ?? '', args).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${tool}: internal simulator error: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 250;
  },
);
