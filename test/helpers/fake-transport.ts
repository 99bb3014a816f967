// An in-memory Transport for module unit tests: files in a Map, commands answered by a handler you give.
import type { ExecOptions, ExecResult, FileStat, Transport, WriteOptions } from '../../src/transport/transport.js';
import type { ModuleContext } from '../../src/modules/module.js';

export class MemoryTransport implements Transport {
  files = new Map<string, string>();
  commands: string[] = [];
  writes = 0;

  constructor(readonly host = 'h1', private readonly onExec: (cmd: string, o: ExecOptions) => Partial<ExecResult> = () => ({})) {}

  async connect(): Promise<void> {}
  async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    this.commands.push(command);
    return { code: 0, signal: null, stdout: '', stderr: '', ...this.onExec(command, options) };
  }
  async readFile(path: string): Promise<Buffer | null> {
    const t = this.files.get(path);
    return t === undefined ? null : Buffer.from(t);
  }
  async stat(path: string): Promise<FileStat> {
    const t = this.files.get(path);
    return t === undefined ? { exists: false } : { exists: true, size: Buffer.byteLength(t), mode: 0o644, isDirectory: false };
  }
  async writeFileAtomic(path: string, data: string | Buffer, o: WriteOptions = {}): Promise<{ backupPath?: string }> {
    this.writes++;
    const old = this.files.get(path);
    let backupPath: string | undefined;
    if (o.backup && old !== undefined) {
      backupPath = `${path}.bak`;
      this.files.set(backupPath, old);
    }
    this.files.set(path, data.toString());
    return { backupPath };
  }
  async close(): Promise<void> {}
}

export function moduleContext(t: MemoryTransport, over: Partial<ModuleContext> = {}): ModuleContext {
  return { transport: t, host: { name: t.host, address: '127.0.0.1', groups: ['all'] }, vars: {}, check: false, diff: false, commands: [], secrets: [], ...over };
}
