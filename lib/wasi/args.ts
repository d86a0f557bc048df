/**
 * WASI `args_*` and `environ_*` functions: exactly what was given, nothing from the host process.
 *
 * Every function here takes the host's {@linkcode WasiContext} first, then the call's arguments as
 * the import object passes them (i32s unsigned).
 *
 * @module
 */
import { copyBytes } from "./_copy.ts";
import { Errno } from "./errno.ts";
import type { WasiContext } from "./context.ts";

function listGet(ctx: WasiContext, list: readonly Uint8Array[], ptrs: number, buf: number): number {
  const v = ctx.view();
  const b = ctx.bytes();
  let at = buf;
  for (let i = 0; i < list.length; i++) {
    const item = list[i]!;
    v.setUint32(ptrs + 4 * i, at, true);
    copyBytes(b, at, item, 0, item.length);
    at += item.length;
  }
  return Errno.SUCCESS;
}

function listSizes(ctx: WasiContext, list: readonly Uint8Array[], countPtr: number, sizePtr: number): number {
  const v = ctx.view();
  let size = 0;
  for (let i = 0; i < list.length; i++) size += list[i]!.length;
  v.setUint32(countPtr, list.length, true);
  v.setUint32(sizePtr, size, true);
  return Errno.SUCCESS;
}

/** `args_get`: the argument pointers and NUL-terminated strings. */
export function args_get(ctx: WasiContext, ptrs: number, buf: number): number {
  return listGet(ctx, ctx.args, ptrs, buf);
}

/** `args_sizes_get`: how many arguments, and their bytes with NULs. */
export function args_sizes_get(ctx: WasiContext, count: number, size: number): number {
  return listSizes(ctx, ctx.args, count, size);
}

/** `environ_get`: the `KEY=value` pointers and NUL-terminated strings. */
export function environ_get(ctx: WasiContext, ptrs: number, buf: number): number {
  return listGet(ctx, ctx.env, ptrs, buf);
}

/** `environ_sizes_get`: how many variables, and their bytes with NULs. */
export function environ_sizes_get(ctx: WasiContext, count: number, size: number): number {
  return listSizes(ctx, ctx.env, count, size);
}
