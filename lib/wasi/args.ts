/**
 * WASI `args_*` and `environ_*` functions.
 *
 * @module
 */
import { Errno } from "./errno.ts";
import type { WasiContext, WasiFunction } from "./context.ts";

function listGet(ctx: WasiContext, list: Uint8Array[], ptrs: number, buf: number): number {
  const v = ctx.view();
  const b = ctx.bytes();
  let at = buf;
  list.forEach((item, i) => {
    v.setUint32(ptrs + 4 * i, at, true);
    b.set(item, at);
    at += item.length;
  });
  return Errno.SUCCESS;
}

function listSizes(ctx: WasiContext, list: Uint8Array[], countPtr: number, sizePtr: number): number {
  const v = ctx.view();
  v.setUint32(countPtr, list.length, true);
  v.setUint32(sizePtr, list.reduce((n, a) => n + a.length, 0), true);
  return Errno.SUCCESS;
}

/** `args_get`, `args_sizes_get`, `environ_get`, `environ_sizes_get`: exactly what was given. */
export function argsImports(ctx: WasiContext): Record<string, WasiFunction> {
  return {
    args_get: (ptrs, buf) => listGet(ctx, ctx.args, Number(ptrs), Number(buf)),
    args_sizes_get: (c, s) => listSizes(ctx, ctx.args, Number(c), Number(s)),
    environ_get: (ptrs, buf) => listGet(ctx, ctx.env, Number(ptrs), Number(buf)),
    environ_sizes_get: (c, s) => listSizes(ctx, ctx.env, Number(c), Number(s)),
  };
}
