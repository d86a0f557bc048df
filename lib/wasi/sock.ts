/**
 * WASI `sock_*` and `proc_raise` functions: mapscope's host has no sockets and raises no signals.
 *
 * @module
 */
import { Errno } from "./errno.ts";
import type { WasiFunction } from "./context.ts";

/** `sock_accept`, `sock_recv`, `sock_send`, `sock_shutdown` (EBADF: no socket is open). */
export function sockImports(): Record<string, WasiFunction> {
  return {
    sock_accept: () => Errno.EBADF,
    sock_recv: () => Errno.EBADF,
    sock_send: () => Errno.EBADF,
    sock_shutdown: () => Errno.EBADF,
  };
}
