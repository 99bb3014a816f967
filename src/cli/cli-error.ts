// An error the CLI turns into a message and an exit code (ansible-playbook's codes, DESIGN.md).
export { EXIT } from '../engine/stats.js';

export class CliError extends Error {
  override name = 'CliError';
  constructor(readonly exitCode: number, message: string) {
    super(message);
  }
}
