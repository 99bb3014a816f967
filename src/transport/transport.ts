// The contract between the engine/modules and a way of reaching a host. Implementations: ssh (an ssh2 Client,
// one persistent connection per host) and local (execa on the control node). Transports never throw
// on a non-zero exit status: a command's failure is data for the module to judge (DESIGN rule 7).

/** Raw outcome of one remote command, untrimmed. `code` is null when the command died by a signal. */
export interface ExecResult {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  /** Kill the remote command (and report phase 'timeout') after this many milliseconds. */
  timeoutMs?: number;
  /** Text written to the command's standard input, then stdin is closed. */
  stdin?: string;
  /** Strings to replace with ******** in anything this command's record shows (passwords, tokens). */
  secrets?: string[];
}

export interface WriteOptions {
  /** File mode for a new file; an existing file keeps its mode and owner. */
  mode?: number;
  /** Keep a timestamped copy `<path>.<YYYYmmddTHHMMSS>.bak` of the old content; its path is returned. */
  backup?: boolean;
}

/** Where a transport failed, so the engine can tell *unreachable* from *failed*. */
export type TransportPhase = 'connect' | 'auth' | 'hostkey' | 'timeout' | 'exec' | 'sftp';

export class TransportError extends Error {
  constructor(
    readonly phase: TransportPhase,
    readonly host: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export interface FileStat {
  exists: boolean;
  isDirectory?: boolean;
  size?: number;
  mode?: number;
  mtimeMs?: number;
}

/** A command whose output arrives as it is printed and whose stdin is written as we go (interactive scripts). */
export interface InteractiveProcess {
  /** Output chunks, stdout and stderr as they come. */
  onOutput(listener: (chunk: string) => void): void;
  write(text: string): void;
  closeStdin(): void;
  /** Kill the remote command (its process group). */
  kill(): Promise<void>;
  /** Settles when the command ends; same shape and rules as exec's result. */
  result: Promise<ExecResult>;
}

export interface Transport {
  /** Inventory name of the host this transport reaches. */
  readonly host: string;
  /** Open the connection (idempotent). Throws TransportError (connect | auth | hostkey). */
  connect(): Promise<void>;
  /** Run a shell command line. Never rejects for a non-zero exit; rejects with TransportError otherwise. */
  exec(command: string, options?: ExecOptions): Promise<ExecResult>;
  /** Byte-exact file content, or null when the file does not exist. */
  readFile(path: string): Promise<Buffer | null>;
  stat(path: string): Promise<FileStat>;
  /** Temp file in the same directory, fsync, rename; keeps mode/owner of an existing file. */
  writeFileAtomic(path: string, data: string | Buffer, options?: WriteOptions): Promise<{ backupPath?: string }>;
  close(): Promise<void>;
  /**
   * Start a command and talk to it (vice-setup asks questions one at a time). Optional: transports that
   * cannot do it leave it out, and modules that need it say so.
   */
  spawn?(command: string, options?: { timeoutMs?: number }): Promise<InteractiveProcess>;
}
