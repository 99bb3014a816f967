// Where a host keeps its Coda files, from inventory/play vars with Coda's own defaults. Real Coda lets
// server.conf move vicedir and venus.conf move the mount point, so nothing here is hard-coded beyond defaults.

export interface CodaHostPaths {
  /** The host's name as written in /vice/db/servers (an FQDN). */
  codaName: string;
  vicedir: string;
  confdir: string;
  partition: string;
  mountpoint: string;
  realm: string;
  serverId?: number;
}

function stringVar(vars: Readonly<Record<string, unknown>>, key: string, fallback: string): string {
  const value = vars[key];
  return typeof value === 'string' && value !== '' ? value : fallback;
}

export function codaPathsOf(hostName: string, vars: Readonly<Record<string, unknown>>): CodaHostPaths {
  const id = vars.server_id;
  return {
    codaName: stringVar(vars, 'coda_name', hostName),
    vicedir: stringVar(vars, 'vicedir', '/vice'),
    confdir: stringVar(vars, 'coda_confdir', '/etc/coda'),
    partition: stringVar(vars, 'partition', '/vicepa'),
    mountpoint: stringVar(vars, 'mountpoint', '/coda'),
    realm: stringVar(vars, 'realm', ''),
    serverId: typeof id === 'number' ? id : typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : undefined,
  };
}
