// What a call to a server that does not answer costs on real Coda at --time-factor 1, in seconds (OBSERVED,
// corrections: timed on a real 8.1.7 cell, "never started" and "listed and shut down" alike). The simulated
// tools wait this long, scaled by the lab's time factor, before printing RPC2's failure.
export const DOWN_COST_SECONDS = {
  volutil: 15.3,
  getvolinfo: 8.3,
  rpc2ping: 8.3,
  /** updatefetch against a host whose updatesrv does not answer. */
  updatefetch: 30.5,
  /** updateclnt's VolUpdateDB bind to its local codasrv when that is down (its cycle grows to ~61 s). */
  updateclntNotify: 31,
} as const;

/** `volutil -t N`: RPC2's bind gives up after about 0.64·N s (OBSERVED: -t 5 failed after 3.2 s). */
export function volutilDownSeconds(timeout: number | undefined): number {
  return timeout === undefined ? DOWN_COST_SECONDS.volutil : timeout * 0.64;
}
