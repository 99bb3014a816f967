// Container files and FTREEDB (REFERENCE §5): each file's data lives in a container on the partition, and
// every container slot costs one 24-byte FTREEDB record (lnk, volume, vnode, unique, dataversion, magic).
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServerRuntime } from './runtime.js';

function containerPath(partition: string, slot: number): string {
  const h = slot.toString(16).padStart(6, '0');
  return join(partition, h.slice(0, 2), h.slice(2, 4), h.slice(4));
}

export function writeContainer(rt: ServerRuntime, partition: string, volumeId: number, data: Buffer): number {
  const slot = rt.state.nextContainerSlot[partition] ?? 0;
  rt.state.nextContainerSlot[partition] = slot + 1;
  const path = containerPath(partition, slot);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, data);
  const record = Buffer.alloc(24);
  [1, volumeId, slot * 2 + 1, slot + 1, 1, 0x7ee5].forEach((n, i) => record.writeUInt32LE(n >>> 0, i * 4));
  appendFileSync(join(partition, 'FTREEDB'), record);
  return slot;
}

export function readContainer(partition: string, slot: number): Buffer {
  return readFileSync(containerPath(partition, slot));
}
