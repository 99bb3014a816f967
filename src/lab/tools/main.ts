// Entry point of every simulated Coda tool and daemon: the lab's bin/ shims run `node main.js <tool> args…`.
// Each tool is a module exporting `main(argv): Promise<number>` (the exit status), under server/tools or
// client/tools, named after the tool (bldvldb.sh -> bldvldb-sh.ts, createvol_rep -> createvol-rep.ts).

import { recordLabCall } from '../core/call-log.js';
import { ALL_TOOLS, CLIENT_TOOLS, HOST_TOOLS } from './tool-names.js';

function moduleFileFor(tool: string): string {
  const base = tool.replace(/\.sh$/, '-sh').replace(/_/g, '-');
  const side = (CLIENT_TOOLS as readonly string[]).includes(tool)
    ? 'client'
    : (HOST_TOOLS as readonly string[]).includes(tool) ? 'host' : 'server';
  return `../${side}/tools/${base}.js`;
}

async function runTool(tool: string, argv: string[]): Promise<number> {
  if (!ALL_TOOLS.includes(tool)) {
    process.stderr.write(`${tool}: not a simulated Coda tool\n`);
    return 127;
  }
  const mod = (await import(moduleFileFor(tool))) as { main(argv: string[]): Promise<number> };
  return mod.main(argv);
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
