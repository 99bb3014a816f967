// Every module codaplay knows, by name. Coda modules join through createRegistry(codaModules).
import type { ModuleDefinition } from './module.js';
import { assertModule } from './assert.js';
import { commandModule, shellModule } from './command.js';
import { copyModule, templateModule } from './copy.js';
import { debugModule } from './debug.js';
import { lineinfileModule } from './lineinfile.js';
import { serviceModule } from './service.js';
import { slurpModule, statModule } from './stat.js';
import { waitForModule } from './wait-for.js';

const generic = [commandModule, shellModule, lineinfileModule, copyModule, templateModule, statModule, slurpModule, waitForModule, assertModule, serviceModule, debugModule] as unknown as ModuleDefinition[];

export function createRegistry(...extra: ModuleDefinition[][]): ReadonlyMap<string, ModuleDefinition> {
  return new Map([...generic, ...extra.flat()].map((m) => [m.name, m]));
}

export const builtinModules: ReadonlyMap<string, ModuleDefinition> = createRegistry();
