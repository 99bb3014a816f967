// The files of each simulated host, as a set-up Coda host has them (REFERENCE §5, §6; OBSERVED's vice-setup):
// hostname and hosts file for everyone; server.conf, the vice tree, tokens, vicetab and the partition for
// servers; venus.conf, realms and the mount point for clients. A bare new server gets the software only.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { confDirOf } from '../core/host-env.js';
import type { LabConfig, LabHostConfig } from '../core/lab-config.js';

export interface CellSecrets {
  update: string;
  auth2: string;
  volutil: string;
}

const FILES_LIST = ['auth2.pw', 'auth2.tk', 'auth2.tk.BAK', 'auth2.lock', 'dumplist', 'files', 'prot_users.cdb', 'servers', 'scm', 'update.tk', 'volutil.tk', 'VLDB', 'VRDB', 'VRList', 'maxgroupid'];

function write(path: string, text: string, mode?: number): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  if (mode !== undefined) chmodSync(path, mode);
}

export const vicedirOf = (h: LabHostConfig): string => join(h.root, 'vice');
export const partitionOf = (h: LabHostConfig): string => join(h.root, 'vicepa');
export const mountpointOf = (h: LabHostConfig): string => join(h.root, 'coda');

export function writeHostFiles(lab: LabConfig, h: LabHostConfig, listed: LabHostConfig[], secrets: CellSecrets): void {
  const conf = confDirOf(lab.version, h.root);
  mkdirSync(conf, { recursive: true });
  write(join(h.root, 'etc', 'hostname'), `${h.name}\n`);
  write(join(h.root, 'etc', 'hosts'), `127.0.0.1\tlocalhost\n${lab.hosts.map((x) => `${x.ip}\t${x.name} ${x.short}`).join('\n')}\n`);
  if (h.role === 'client') {
    write(join(conf, 'venus.conf'), `mountpoint=${mountpointOf(h)}\nrealm=${lab.realm}\ncachedir=${join(h.root, 'venus.cache')}\ncachesize=100MB\n`);
    const scm = lab.hosts.find((x) => x.role === 'scm')!;
    write(join(conf, 'realms'), `${lab.realm}\t${scm.name}\n`);
    mkdirSync(join(mountpointOf(h), lab.realm), { recursive: true });
    mkdirSync(join(h.root, 'venus.cache'), { recursive: true });
    return;
  }
  if (h.bare) return;
  const vicedir = vicedirOf(h);
  const db = join(vicedir, 'db');
  for (const sub of ['db', 'srv', 'vol/remote', 'misc', 'auth2', 'backup', 'spool']) mkdirSync(join(vicedir, sub), { recursive: true });
  const rvm = join(h.root, 'vice-rvm');
  mkdirSync(rvm, { recursive: true });
  write(join(rvm, 'LOG'), '');
  write(join(conf, 'server.conf'), `vicedir=${vicedir}\nrvm_log=${join(rvm, 'LOG')}\nrvm_data=${join(rvm, 'DATA')}\nrvm_data_length=33554432\nrvmtruncate=5\ntrace=100\n`);
  write(join(vicedir, 'hostname'), `${h.name}\n`);
  const scm = lab.hosts.find((x) => x.role === 'scm')!;
  write(join(db, 'scm'), `${scm.name}\n`);
  write(join(db, 'update.tk'), `${secrets.update}\n`, 0o600);
  write(join(db, 'auth2.tk'), `${secrets.auth2}\n`, 0o600);
  write(join(db, 'volutil.tk'), `${secrets.volutil}\n`, 0o600);
  // vice-setup-user's auth2.pw and the empty files vice-setup touches; a new server's vice-setup fetches them.
  write(join(db, 'auth2.pw'), '1001\tchangeme\tadmin user\n', 0o600);
  write(join(db, 'auth2.lock'), '');
  write(join(db, 'auth2.tk.BAK'), '');
  write(join(db, 'files'), `${FILES_LIST.join('\n')}\n`);
  write(join(db, 'servers'), listed.map((s) => `${s.name}\t\t${s.serverId}\n`).join(''));
  write(join(db, 'prot_users.cdb'), 'System:Administrators 1001 admin\nSystem:AnyUser\n');
  write(join(db, 'vicetab'), `${h.name}   ${partitionOf(h)}   ftree   width=64,depth=3\n`);
  mkdirSync(partitionOf(h), { recursive: true });
  write(join(partitionOf(h), 'FTREEDB'), '');
  if (h.role === 'scm') {
    write(join(db, 'maxgroupid'), '2130706432\n');
    write(join(db, 'files.export'), `db\n${FILES_LIST.map((f) => `db/${f}`).join('\n')}\n`);
    write(join(db, 'VRList'), '');
  }
}
