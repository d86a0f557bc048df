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
      const at = Number(buf);
      const n = Number(len);
      const bytes = ctx.bytes();
      // checked before any work: a hostile length costs nothing
      if (at + n > bytes.length) return Errno.EFAULT;
      ctx.random(bytes.subarray(at, at + n));
      return Errno.SUCCESS;
    },
    sched_yield: () => Errno.SUCCESS,
  };
}
