// The simulated tools' names (bin/ shims are made for each).
export const SERVER_TOOLS = [
  'codasrv', 'startserver', 'volutil', 'getvolinfo', 'rpc2ping', 'bldvldb.sh', 'createvol_rep',
  'updatesrv', 'updateclnt', 'updatefetch', 'auth2', 'vice-setup',
] as const;
export const CLIENT_TOOLS = ['venus', 'cfs', 'ls'] as const;
/** Plain OS tools whose answers depend on the simulated host (its own hosts file and hostname). */
export const HOST_TOOLS = ['getent', 'hostname'] as const;
export const ALL_TOOLS: readonly string[] = [...SERVER_TOOLS, ...CLIENT_TOOLS, ...HOST_TOOLS];
