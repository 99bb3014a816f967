// Where each simulated tool's module is: under server/tools, client/tools or host/tools, named after the tool
// (bldvldb.sh -> bldvldb-sh.js, createvol_rep -> createvol-rep.js). Shared by the per-process entry (main.ts)
// and the tool service's workers (src/lab/service/worker.ts).
import { CLIENT_TOOLS, HOST_TOOLS } from './tool-names.js';

export interface ToolModule {
  main(argv: string[]): Promise<number>;
}

function moduleFileFor(tool: string): string {
  const base = tool.replace(/\.sh$/, '-sh').replace(/_/g, '-');
  const side = (CLIENT_TOOLS as readonly string[]).includes(tool)
    ? 'client'
    : (HOST_TOOLS as readonly string[]).includes(tool) ? 'host' : 'server';
  return `../${side}/tools/${base}.js`;
}

export async function loadTool(tool: string): Promise<ToolModule> {
  return (await import(moduleFileFor(tool))) as ToolModule;
}
