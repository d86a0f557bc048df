/**
 * WASI `sock_*` functions: mapscope's host opens no sockets. A descriptor that is open but not a
 * socket (stdio, a preopen, a file) is ENOTSOCK; any other is EBADF.
 *
 * @module
 */
import { Errno } from "./errno.ts";
import type { WasiContext, WasiFunction } from "./context.ts";

/** `sock_accept`, `sock_recv`, `sock_send`, `sock_shutdown`. */
export function sockImports(ctx: WasiContext): Record<string, WasiFunction> {
  const notSocket = (fd: number | bigint) => {
    const f = Number(fd);
    return (f >= 0 && f <= 2) || ctx.fs?.get(f) ? Errno.ENOTSOCK : Errno.EBADF;
  };
  return {
    sock_accept: (fd) => notSocket(fd),
    sock_recv: (fd) => notSocket(fd),
    sock_send: (fd) => notSocket(fd),
    sock_shutdown: (fd) => notSocket(fd),
  };
}
