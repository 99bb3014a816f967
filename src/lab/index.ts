// The lab's public face for the CLI.
export { labUp, LabError, type LabUpOptions } from './infra/lab-up.js';
export { labDown } from './infra/lab-down.js';
export { labStatus } from './infra/lab-status.js';
export { labFault } from './infra/lab-fault.js';
