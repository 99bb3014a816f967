// The Coda parsers: pure, lossless document editors and output readers (DESIGN rules 4 and 5). No I/O here.
export * from '../ids.js';
export * from './lines.js';
export * from './issues.js';
export * from './scan.js';
export * from './servers-file.js';
export * from './vrlist.js';
export * from './vicetab.js';
export * from './codaconf.js';
export * from './realms.js';
export * from './update-files.js';
export * from './rpc2-codes.js';
export * from './getvolinfo-output.js';
export * from './volume-list.js';
export * from './volutil-output.js';
export * from './bldvldb-output.js';
export * from './cfs-output.js';
export { containersPerVolume } from './ftreedb.js';
export { parseSrvLogVersion } from './srvlog.js';
