// codasrv's SrvLog: the banner line `Coda Vice, version 6.9.5      log started at …` names the server's version.

/** The `major.minor` version a SrvLog banner names, or undefined. */
export function parseSrvLogVersion(text: string): string | undefined {
  return /version\s+(\d+\.\d+)/.exec(text)?.[1];
}
