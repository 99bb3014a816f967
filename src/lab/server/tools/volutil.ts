// Simulated volutil (REFERENCE §7.1–7.2): options before the subcommand, usage to stderr, -h resolved through
// this host's hosts file, token from <vicedir>/db/volutil.tk, the bind line on stderr, argument errors only after
// the bind, and Coda's texts and exit statuses.
import { writeFileSync } from 'node:fs';
import { volutilDownSeconds } from '../../core/down-costs.js';
import { loadHostEnv } from '../../core/host-env.js';
import { canonicalName, getHostname, resolveName } from '../../core/name-service.js';
import { RPC2_ERRORS, rpc2ErrorText, type RpcResponse } from '../../core/rpc.js';
import { callServer, err, failStatus, out, readToken, vicedirOf } from '../tool-common.js';

// volclient.cc's bad_options text (the same in 6.9.10 and 8.1), on stderr.
const USAGE = 'Usage: volutil [-h host] [-r realm] [-t timeout] [-d debuglevel] <option>,\n'
  + '    where <option> is one of the following:\n'
  + '\tancient, backup, create, create_rep, clone, dump, dumpestimate,\n'
  + '\trestore, info, lock, lookup, makevldb, makevrdb, purge, salvage,\n'
  + '\tsetvv, showvnode, shutdown, swaplog, setdebug, updatedb, unlock,\n'
  + '\tdumpmem, rvmsize, timing, printstats,\n'
  + '\tshowcallbacks, truncatervmlog,togglemalloc, getmaxvol, setmaxvol,\n'
  + '\tpeek, poke, peeks, pokes, peekx, pokex, setlogparms, tracerpc\n'
  + '\tgetvolumelist, dumpvrdb\n';
const hex8 = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');

export async function main(argv: string[]): Promise<number> {
  const env = loadHostEnv();
  const fail = failStatus(env);
  const args = [...argv];
  let host: string | undefined;
  let timeout: number | undefined;
  while (args[0]?.startsWith('-') && args.length >= 2) {
    const [flag, value] = args.splice(0, 2);
    if (flag === '-h') host = value;
    if (flag === '-t') timeout = Number.parseInt(value!, 10) || 0;
  }
  const downSeconds = volutilDownSeconds(timeout);
  const [sub, ...rest] = args;
  if (!sub) {
    err(USAGE);
    return fail;
  }
  const name = host ?? getHostname(env.root);
  const ip = resolveName(env.root, name);
  if (!ip) {
    err(`${name} is not a valid host name.\n`);
    return fail;
  }
  const shown = host ? canonicalName(env.root, host) ?? host : name;
  const vicedir = vicedirOf(env);
  const token = readToken(vicedir, 'volutil.tk');
  if (token === null) {
    out("Couldn't get a token to authenticate with the server\n");
    return fail;
  }
  err(`V_BindToServer: binding to host ${shown}\n`);
  const bind = await callServer(env, ip, { op: 'Ping' }, downSeconds);
  if (bind.rc === RPC2_ERRORS.NOBINDING) {
    err(`RPC2_NewBinding to server ${shown} failed with RPC2_NOBINDING (F)\n`);
    return fail;
  }
  const call = (op: string, extra: Record<string, unknown> = {}): Promise<RpcResponse> => callServer(env, ip, { op, token, ...extra }, downSeconds, 0);
  const failed = (what: string, rc: number): number => {
    err(`${what} failed with ${rpc2ErrorText(rc)}\n`);
    return fail;
  };
  switch (sub) {
    case 'create_rep': {
      if (rest.length < 3 || rest.length > 4) { err('Usage: volutil create_rep partition volumename replicated-volid [replica-volid]\n'); return fail; }
      const groupId = parseInt(rest[2]!, 16);
      if (Number.isNaN(groupId)) { err(`CreateRep: Bad Group Id ${rest[2]}\n`); return fail; }
      const replicaId = rest[3] === undefined ? undefined : parseInt(rest[3], 16);
      if (rest[3] !== undefined && Number.isNaN(replicaId)) { err(`CreateRep: Bad Volume Id ${rest[3]}\n`); return fail; }
      const r = await call('CreateRep', { partition: rest[0], name: rest[1], groupId, replicaId });
      if (r.rc !== 0) return failed('VolCreate', r.rc);
      out(`Volume ${hex8(Number(r.volumeId))} (${rest[1]}) created \n`);
      return 0;
    }
    case 'setlogparms': {
      if (rest.length < 3) { err('Usage: volutil setlogparms <volid> reson <flag> logsize <nentries>\n'); return fail; }
      const id = parseInt(rest[0]!, 16);
      if (Number.isNaN(id)) { err(`setlogparms: Bad VolumeId ${rest[0]}\n`); return fail; }
      const opts: Record<string, unknown> = { volumeId: id };
      for (let i = 1; i + 1 < rest.length; i += 2) opts[rest[i]!] = Number(rest[i + 1]);
      const r = await call('SetLogParms', opts);
      if (r.rc !== 0) return failed('VolSetLogParms', r.rc);
      err('Set Log parameters\n');
      return 0;
    }
    case 'makevrdb':
    case 'makevldb':
    case 'dumpvrdb': {
      if (rest.length !== 1) { err(`Usage: volutil ${sub} <file>\n`); return fail; }
      const op = { makevrdb: 'MakeVRDB', makevldb: 'MakeVLDB', dumpvrdb: 'DumpVRDB' }[sub];
      const r = await call(op, { path: rest[0] });
      if (r.rc !== 0) return failed(`Vol${op.replace('Make', 'Make').replace('Dump', 'Dump')}`, r.rc);
      if (sub === 'makevrdb') err('VRDB completed.\n');
      if (sub === 'makevldb') err('VLDB completed.\n');
      return 0;
    }
    case 'getvolumelist': {
      if (rest[0]) writeFileSync(rest[0], '');
      const r = await call('GetVolumeList');
      if (r.rc !== 0) return failed('GetVolumeList', r.rc);
      if (rest[0]) writeFileSync(rest[0], String(r.text));
      else out(String(r.text));
      err('GetVolumeList finished successfully\n');
      return 0;
    }
    case 'info': {
      const opts = rest.filter((a) => a.startsWith('-'));
      const [key, file] = rest.filter((a) => !a.startsWith('-'));
      if (!key || opts.some((o) => o !== '-all')) { err('Usage: volutil info [-all] volumeName/volumeNumber [file]\n'); return fail; }
      const r = await call('Info', { volume: key });
      if (r.rc === -1) { err(`VolInfo failed, ${key} not found\n`); return fail; }
      if (r.rc !== 0) return failed('VolInfo', r.rc);
      if (file) writeFileSync(file, String(r.text));
      else out(String(r.text));
      return 0;
    }
    case 'lookup': {
      if (!rest[0]) { err('Usage: volutil lookup <volume name or id> [file]\n'); return fail; }
      const r = await call('Lookup', { volume: rest[0] });
      if (r.rc !== 0) return failed('VolLookup', r.rc);
      // A name the server cannot find still "succeeds": nothing printed, exit 0 (OBSERVED, corrections).
      if (rest[1]) writeFileSync(rest[1], String(r.text ?? ''));
      else out(String(r.text ?? ''));
      return 0;
    }
    case 'updatedb': {
      const r = await call('UpdateDB');
      if (r.rc !== 0) return failed('VolUpdateDB', r.rc);
      err(`Databases updated on host ${shown}.\n`);
      return 0;
    }
    case 'shutdown': {
      const r = await call('Shutdown');
      if (r.rc !== 0) return failed('VolShutdown', r.rc);
      err('Fileserver shutdown.\n');
      return 0;
    }
    case 'getmaxvol': {
      const r = await call('GetMaxVol');
      if (r.rc !== 0) { out(`Couldn't get maxvolid: ${rpc2ErrorText(r.rc)}\n`); return fail; }
      out(`Maximum volume id is ${hex8(Number(r.maxVolId))}\n`);
      return 0;
    }
    case 'setmaxvol': {
      const r = await call('SetMaxVol', { maxVolId: parseInt(rest[0] ?? '', 16) });
      if (r.rc !== 0) { out("Couldn't set new maximum volume id, check that you didn't try\nto change the server id or set a new maxid that is less than\nthe current maximum id.\n"); return fail; }
      out(`Maximum volume id set to ${hex8(parseInt(rest[0]!, 16))}\n`);
      return 0;
    }
    case 'purge': {
      const r = await call('Purge', { volumeId: parseInt(rest[0] ?? '', 16), name: rest[1] });
      if (r.rc !== 0) return failed('VolPurge', r.rc);
      out(`Volume ${hex8(parseInt(rest[0]!, 16))} (${rest[1]}) successfully purged\n`);
      return 0;
    }
    case 'swaplog': {
      await call('SwapLog');
      err('Fileserver log successfully swapped.\n');
      return 0;
    }
    default:
      err(USAGE);
      return fail;
  }
}
