/**
 * WASI `sock_*` functions: the host has no sockets, so every descriptor is not one (ENOTSOCK for
 * stdio and open files, EBADF for the rest).
 *
 * @module
 */
import { Errno } from "./errno.ts";
import type { WasiContext } from "./context.ts";

/** ENOTSOCK for a descriptor that is open, EBADF for one that is not. */
export function notSocket(ctx: WasiContext, fd: number): number {
  return fd <= 2 || ctx.fs?.get(fd) ? Errno.ENOTSOCK : Errno.EBADF;
}
