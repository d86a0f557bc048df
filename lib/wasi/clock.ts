/**
 * WASI `clock_*`, `random_get` and `sched_yield` functions.
 *
 * @module
 */
import { Errno } from "./errno.ts";
import type { WasiContext, WasiFunction } from "./context.ts";

/** `clock_res_get`, `clock_time_get`, `random_get`, `sched_yield`. */
export function clockImports(ctx: WasiContext): Record<string, WasiFunction> {
  return {
    clock_res_get: (id, out) => {
      if (Number(id) > 3) return Errno.EINVAL;
      ctx.view().setBigUint64(Number(out), 1000n, true);
      return Errno.SUCCESS;
    },
    clock_time_get: (id, _precision, out) => {
      if (Number(id) > 3) return Errno.EINVAL;
      ctx.view().setBigUint64(Number(out), ctx.now(Number(id)), true);
      return Errno.SUCCESS;
    },
    random_get: (buf, len) => {
      const n = Number(len);
      const out = new Uint8Array(n);
      ctx.random(out);
      ctx.bytes().set(out, Number(buf));
      return Errno.SUCCESS;
    },
    sched_yield: () => Errno.SUCCESS,
  };
}
