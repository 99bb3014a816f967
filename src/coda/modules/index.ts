// The Coda modules, for the module registry (src/modules/registry.ts createRegistry(codaModules)).
import type { ModuleDefinition } from '../../modules/module.js';
import { codaClientSync } from './client-sync.js';
import { codaDbSync } from './db-sync.js';
import { codaLock } from './lock.js';
import { codaPreflight } from './preflight.js';
import { codaReplicas } from './replicas.js';
import { codaServer } from './server.js';
import { codaServersEntry } from './servers-entry.js';
import { codaVerify } from './verify.js';
import { codaVldb } from './vldb.js';
import { codaVrdb } from './vrdb.js';
import { codaVrlist } from './vrlist.js';
import { viceSetup } from './vice-setup.js';

// vice_setup's probe only reads (which files and daemons exist), so --check can report its plan; it needs no
// predict(): the cell model reads a bare host as it is (no codasrv, no db files), which is what later tasks see.
const viceSetupChecked = { ...viceSetup, checkModeSafe: true };

export const codaModules: ModuleDefinition[] = [
  codaPreflight, codaLock, codaServersEntry, codaDbSync, codaServer, codaReplicas, codaVrlist, codaVldb, codaVrdb, codaClientSync, codaVerify, viceSetupChecked,
] as unknown as ModuleDefinition[];
