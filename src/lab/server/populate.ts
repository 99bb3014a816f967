// LabPopulate: fill one replica with a deterministic tree of small files and directories (what users had
// stored before the new server came), plus mount points of other volumes in the root volume.
import type { ServerRuntime } from './runtime.js';
import type { ServerVolume } from './rvm-state.js';
import { writeContainer } from './containers.js';

export function populate(rt: ServerRuntime, v: ServerVolume, o: { dirs: number; files: number; seed: number; mounts: string[] }): void {
  const entry = rt.vrdb.find((e) => e.groupId === v.groupId);
  const slot = Math.max(0, entry ? entry.replicas.indexOf(v.id) : 0);
  const vv = (): number[] => Array.from({ length: 8 }, (_, i) => (i === slot ? 1 : 0));
  v.objects['/'] = { type: 'dir', vv: vv(), size: 0 };
  const dirs = ['/', ...Array.from({ length: o.dirs }, (_, i) => `/dir${i + 1}`)];
  for (const d of dirs.slice(1)) v.objects[d] = { type: 'dir', vv: vv(), size: 0 };
  for (let i = 0; i < o.files; i++) {
    const dir = dirs[i % dirs.length]!;
    const path = `${dir === '/' ? '' : dir}/file${i + 1}.txt`;
    const data = Buffer.from(`${v.name} file ${i + 1} seed ${o.seed}\n`.repeat(1 + ((i * 7 + o.seed) % 5)));
    v.objects[path] = { type: 'file', vv: vv(), size: data.length, container: writeContainer(rt, v.partition, v.id, data) };
  }
  for (const m of o.mounts) v.objects[`/${m}`] = { type: 'mount', vv: vv(), size: 0, mountVolume: m };
  rt.commit();
}
