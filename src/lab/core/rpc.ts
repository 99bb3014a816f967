// The lab's stand-in for RPC2: one JSON request and one JSON response per TCP connection, newline-terminated.
// Real Coda speaks RPC2 over UDP; the simulated tools only need "reach the daemon on <ip>:<port> or fail the way
// RPC2_NewBinding fails", so TCP keeps it simple and observable (ss -ltn shows 127.x.y.z:2432).
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export type RpcRequest = { op: string } & Record<string, unknown>;
/** rc 0 = success; negative = RPC2 errors (see RPC2_ERRORS); positive = server errno / Coda codes (602, 603, 700, 22 …). */
export type RpcResponse = { rc: number } & Record<string, unknown>;

export const RPC2_ERRORS = {
  NOBINDING: -1002,
  NOCONNECTION: -1003,
  TIMEOUT: -1001,
  DEAD: -1009,
  NOTAUTHENTICATED: -1016,
} as const;

/** RPC2_ErrorMsg(rc) as Coda tools print it. Positive codes are not translated (rp2gen without -neterrors). */
export function rpc2ErrorText(rc: number): string {
  switch (rc) {
    case RPC2_ERRORS.NOBINDING: return 'RPC2_NOBINDING (F)';
    case RPC2_ERRORS.NOCONNECTION: return 'RPC2_NOCONNECTION (F)';
    case RPC2_ERRORS.TIMEOUT: return 'RPC2_TIMEOUT (F)';
    case RPC2_ERRORS.DEAD: return 'RPC2_DEAD (F)';
    case RPC2_ERRORS.NOTAUTHENTICATED: return 'RPC2_NOTAUTHENTICATED (F)';
    default: return `Unknown RPC2 return code ${rc}`;
  }
}

export interface RpcCallOptions {
  /** Give up on the connection/answer after this long (ms). */
  timeoutMs: number;
}

/**
 * One call. Resolves to the daemon's response, or to `{ rc: RPC2_ERRORS.NOBINDING }` when nothing answers
 * (refused, reset, silent). The caller adds the scaled "down server" delay, so the cost is explicit there.
 */
export function rpcCall(ip: string, port: number, request: RpcRequest, options: RpcCallOptions): Promise<RpcResponse> {
  return new Promise((resolve) => {
    let settled = false;
    let buffer = '';
    const socket: Socket = createConnection({ host: ip, port });
    const finish = (response: RpcResponse): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(response);
    };
    const timer = setTimeout(() => finish({ rc: RPC2_ERRORS.NOBINDING }), options.timeoutMs);
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(JSON.stringify(request) + '\n'));
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      const end = buffer.indexOf('\n');
      if (end >= 0) {
        try {
          finish(JSON.parse(buffer.slice(0, end)) as RpcResponse);
        } catch {
          finish({ rc: RPC2_ERRORS.DEAD });
        }
      }
    });
    socket.on('error', () => finish({ rc: RPC2_ERRORS.NOBINDING }));
    socket.on('close', () => finish({ rc: RPC2_ERRORS.NOBINDING }));
  });
}

export type RpcHandler = (request: RpcRequest, peer: { address: string }) => Promise<RpcResponse | null>;

/**
 * Serve requests on ip:port. A handler answering null sends nothing and drops the connection, which the caller
 * sees as a down server (the `down` fault knob uses this).
 */
export function serveRpc(ip: string, port: number, handler: RpcHandler): Promise<Server> {
  const server = createServer((socket) => {
    let buffer = '';
    socket.setEncoding('utf8');
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      const end = buffer.indexOf('\n');
      if (end < 0) return;
      const line = buffer.slice(0, end);
      buffer = '';
      let request: RpcRequest;
      try {
        request = JSON.parse(line) as RpcRequest;
      } catch {
        socket.destroy();
        return;
      }
      handler(request, { address: socket.remoteAddress ?? '' })
        .then((response) => {
          if (response === null) socket.destroy();
          else socket.end(JSON.stringify(response) + '\n');
        })
        .catch((err: unknown) => socket.end(JSON.stringify({ rc: 700, error: String(err) }) + '\n'));
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, ip, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
