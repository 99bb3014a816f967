// The lab's inventory for codaplay: groups scm, servers, replicas, clients; per host how to reach it (its own
// sshd, the lab key, the lab's known_hosts) and where its Coda files live (docs/lab-internals.md).
import yaml from 'js-yaml';
import { join } from 'node:path';
import { confDirOf } from '../core/host-env.js';
import type { LabConfig, LabHostConfig } from '../core/lab-config.js';
import { mountpointOf, partitionOf, vicedirOf, type CellSecrets } from './layout.js';

function hostEntry(lab: LabConfig, h: LabHostConfig, secrets: CellSecrets): Record<string, unknown> {
  const base: Record<string, unknown> = {
    address: h.ip, port: lab.sshPort, user: lab.user,
    identity_file: join(lab.dir, 'keys', 'id_ed25519'), known_hosts_file: join(lab.dir, 'keys', 'known_hosts'),
    coda_name: h.name, coda_confdir: confDirOf(lab.version, h.root),
  };
  if (h.role === 'client') return { ...base, mountpoint: mountpointOf(h) };
  Object.assign(base, { vicedir: vicedirOf(h), partition: partitionOf(h) });
  if (h.role === 'new-server') {
    Object.assign(base, { rvm_log: join(h.root, 'vice-rvm', 'LOG'), rvm_data: join(h.root, 'vice-rvm', 'DATA') });
    if (h.bare) Object.assign(base, { bare: true, coda_update_token: secrets.update });
  }
  return base;
}

export function inventoryText(lab: LabConfig, secrets: CellSecrets): string {
  const group = (hosts: LabHostConfig[]): Record<string, unknown> => ({ hosts: Object.fromEntries(hosts.map((h) => [h.short, hostEntry(lab, h, secrets)])) });
  const doc = {
    all: {
      vars: { realm: lab.realm, coda_version: lab.version, volumes: 'all' },
      children: {
        scm: group(lab.hosts.filter((h) => h.role === 'scm')),
        servers: group(lab.hosts.filter((h) => h.role === 'scm' || h.role === 'server')),
        replicas: group(lab.hosts.filter((h) => h.role === 'new-server')),
        clients: group(lab.hosts.filter((h) => h.role === 'client')),
      },
    },
  };
  return `# Inventory of the codaplay lab in ${lab.dir} (written by \`codaplay lab up\`).\n# Every host is a real sshd on its own loopback address; see docs/lab.md.\n${yaml.dump(doc, { lineWidth: 200 })}`;
}
