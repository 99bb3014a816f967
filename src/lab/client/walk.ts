// The heart of the client: walking paths under the mount point the way venus serves `ls -lR` (REFERENCE §8).
// Every object touched gets GetAttr from every VSG member; different answers make venus ask a coordinator to
// Resolve it, which fills runt replicas. Objects the walk does not touch stay unreplicated. The walk
// materialises what it saw into the real mount point directory, so the system ls then lists it.
import { mkdirSync, rmSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { readFaults, writeFaults } from '../core/faults.js';
import { rpcCall, type RpcResponse } from '../core/rpc.js';
import type { VenusState, Vsg } from './venus-state.js';
import { volumeInfo } from './volume-info.js';

export interface WalkResult {
  objects: number;
  failed: string[];
  resolved: number;
}

interface Attr { type: 'dir' | 'file' | 'mount'; vv: number[]; size: number; mountVolume?: string; conflict?: boolean }

async function call(st: VenusState, ip: string, req: Record<string, unknown> & { op: string }): Promise<RpcResponse> {
  return rpcCall(ip, st.env.lab.codasrvPort, req, { timeoutMs: 10_000 });
}

function ensureGone(path: string): void {
  try { lstatSync(path); rmSync(path, { recursive: true, force: true }); } catch { /* nothing there */ }
}

function materialise(fsPath: string, attr: Attr, data: Buffer | null): void {
  if (attr.conflict) {
    ensureGone(fsPath);
    symlinkSync(`@7f000000.${attr.vv.join('')}`, fsPath);
    return;
  }
  if (attr.type === 'file') {
    try { if (lstatSync(fsPath).isDirectory()) rmSync(fsPath, { recursive: true }); } catch { /* new */ }
    writeFileSync(fsPath, data ?? Buffer.alloc(0));
  } else mkdirSync(fsPath, { recursive: true });
}

export class Walker {
  result: WalkResult = { objects: 0, failed: [], resolved: 0 };
  private limit: number | undefined;

  constructor(private readonly st: VenusState) {
    this.limit = readFaults(st.env.lab.dir, st.env.host.short).disconnectAfter;
  }

  private touch(fsPath: string): boolean {
    if (this.st.disconnected) {
      this.result.failed.push(fsPath);
      return false;
    }
    this.result.objects++;
    if (this.limit !== undefined && this.result.objects > this.limit) {
      this.st.disconnected = true;
      this.limit = undefined;
      // One disconnection per setting of the knob, as a flaky link would do: the next walk gets through.
      const knobs = readFaults(this.st.env.lab.dir, this.st.env.host.short);
      delete knobs.disconnectAfter;
      writeFaults(this.st.env.lab.dir, this.st.env.host.short, knobs);
      this.st.log('Disconnected from all servers (lab fault knob disconnectAfter)');
      this.result.failed.push(fsPath);
      return false;
    }
    return true;
  }

  /** Attributes from every VSG member; resolve when they differ; the dominant answer. */
  private async attrs(vsg: Vsg, path: string): Promise<{ attr: Attr; from: string; volumeId: number } | null> {
    const answers = await Promise.all(vsg.replicas.map(async (r) => ({ r, a: await call(this.st, r.ip, { op: 'GetAttr', volumeId: r.id, path }) })));
    const reachable = answers.filter((x) => x.a.rc >= 0);
    if (reachable.length === 0) return null;
    const present = reachable.filter((x) => x.a.rc === 0);
    const vvs = present.map((x) => JSON.stringify((x.a.attr as Attr).vv));
    const differ = present.length !== reachable.length || new Set(vvs).size > 1;
    if (differ && present.length > 0) {
      const coordinator = present[0]!.r;
      const res = await call(this.st, coordinator.ip, { op: 'Resolve', groupId: vsg.groupId, path });
      if (res.rc === 0) this.result.resolved += Number(res.resolved ?? 0);
      // A resolution that could not reach every site leaves the object behind: say so, as venus would.
      else if (res.rc < 0) return null;
    }
    const again = differ ? await call(this.st, present[0]?.r.ip ?? reachable[0]!.r.ip, { op: 'GetAttr', volumeId: present[0]?.r.id ?? reachable[0]!.r.id, path }) : present[0]?.a;
    if (!again || again.rc !== 0) return null;
    const src = present[0] ?? reachable[0]!;
    return { attr: again.attr as Attr, from: src.r.ip, volumeId: src.r.id };
  }

  async visit(vsg: Vsg, path: string, fsPath: string, depth: number, recursive: boolean): Promise<void> {
    if (!this.touch(fsPath)) return;
    const got = await this.attrs(vsg, path);
    if (!got) {
      this.result.failed.push(fsPath);
      return;
    }
    let data: Buffer | null = null;
    if (got.attr.type === 'file') {
      const f = await call(this.st, got.from, { op: 'Fetch', volumeId: got.volumeId, path });
      data = f.rc === 0 && f.data ? Buffer.from(String(f.data), 'base64') : null;
    }
    materialise(fsPath, got.attr, data);
    if (got.attr.conflict) return;
    if (got.attr.type === 'mount' && got.attr.mountVolume) {
      const inner = await volumeInfo(this.st, got.attr.mountVolume);
      if (!inner) { this.result.failed.push(fsPath); return; }
      if (depth === 0 || recursive) await this.visit(inner, '/', fsPath, depth, recursive);
      return;
    }
    if (got.attr.type !== 'dir' || (!recursive && depth > 0)) return;
    const listing = await call(this.st, got.from, { op: 'ReadDir', volumeId: got.volumeId, path });
    for (const name of (listing.entries as string[] | undefined) ?? []) {
      await this.visit(vsg, path === '/' ? `/${name}` : `${path}/${name}`, join(fsPath, name), depth + 1, recursive);
    }
  }
}
