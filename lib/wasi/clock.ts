/**
 * WASI `clock_*`, `random_get` and `sched_yield` functions.
 *
 * @module
 */
import { Errno } from "./errno.ts";
import type { WasiContext } from "./context.ts";

/** `clock_res_get`: 1 µs for every clock. */
export function clock_res_get(ctx: WasiContext, id: number, out: number): number {
  if (id > 3) return Errno.EINVAL;
  ctx.view().setBigUint64(out, 1000n, true);
  return Errno.SUCCESS;
}

/** `clock_time_get`: now on clock `id` (the precision is not used). */
export function clock_time_get(
  ctx: WasiContext,
  id: number,
  _precision: number | bigint,
  out: number,
): number {
  if (id > 3) return Errno.EINVAL;
  ctx.view().setBigUint64(out, ctx.now(id), true);
  return Errno.SUCCESS;
}

/** `random_get`: `len` random (or, deterministic, seeded) bytes at `buf`. */
export function random_get(ctx: WasiContext, buf: number, len: number): number {
  const bytes = ctx.bytes();
  // checked before any work: a hostile length costs nothing
  if (buf + len > bytes.length) return Errno.EFAULT;
  ctx.random(bytes, buf, len);
  return Errno.SUCCESS;
}

/** `sched_yield`: nothing to yield to. */
export function sched_yield(): number {
  return Errno.SUCCESS;
}
