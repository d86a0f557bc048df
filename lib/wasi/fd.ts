/**
 * WASI `fd_*` functions over stdio (0, 1, 2). Other descriptors are EBADF: mapscope's host has no
 * filesystem, so there is nothing else to open (`fd_prestat_get` reports no preopens).
 *
 * @module
 */
import { Errno } from "./errno.ts";
import type { WasiContext, WasiFunction } from "./context.ts";

const FILETYPE_CHARACTER_DEVICE = 2;
const RIGHTS_ALL = 0x1fffffffn;

function isStdio(fd: number): boolean {
  return fd >= 0 && fd <= 2;
}

/** Gathers the bytes an iovec array describes. */
function gather(ctx: WasiContext, iovs: number, count: number): Uint8Array {
  const v = ctx.view();
  const b = ctx.bytes();
  if (count === 1) {
    const ptr = v.getUint32(iovs, true);
    const len = v.getUint32(iovs + 4, true);
    return b.slice(ptr, ptr + len);
  }
  let total = 0;
  for (let i = 0; i < count; i++) total += v.getUint32(iovs + 8 * i + 4, true);
  const out = new Uint8Array(total);
  let at = 0;
  for (let i = 0; i < count; i++) {
    const ptr = v.getUint32(iovs + 8 * i, true);
    const len = v.getUint32(iovs + 8 * i + 4, true);
    out.set(b.subarray(ptr, ptr + len), at);
    at += len;
  }
  return out;
}

/** All 21 `fd_*` functions of preview1. */
export function fdImports(ctx: WasiContext): Record<string, WasiFunction> {
  const stdioOnly = (fd: number | bigint, ok: number = Errno.ESPIPE) =>
    isStdio(Number(fd)) ? ok : Errno.EBADF;
  return {
    fd_write: (fd, iovs, count, nwritten) => {
      if (Number(fd) > 2 && ctx.rawWrite) {
        const answer = ctx.rawWrite(Number(fd), Number(iovs), Number(count), Number(nwritten));
        if (answer !== undefined) return answer;
      }
      const data = gather(ctx, Number(iovs), Number(count));
      const errno = ctx.write(Number(fd), data);
      if (errno === Errno.SUCCESS) ctx.view().setUint32(Number(nwritten), data.length, true);
      return errno;
    },
    fd_read: (fd, iovs, count, nread) => {
      if (Number(fd) !== 0) return isStdio(Number(fd)) ? Errno.EBADF : Errno.EBADF;
      const v = ctx.view();
      let total = 0;
      for (let i = 0; i < Number(count); i++) {
        const ptr = v.getUint32(Number(iovs) + 8 * i, true);
        const len = v.getUint32(Number(iovs) + 8 * i + 4, true);
        const chunk = ctx.readStdin(len);
        ctx.bytes().set(chunk, ptr);
        total += chunk.length;
        if (chunk.length < len) break;
      }
      ctx.view().setUint32(Number(nread), total, true);
      return Errno.SUCCESS;
    },
    fd_pread: (fd) => stdioOnly(fd),
    fd_pwrite: (fd) => stdioOnly(fd),
    fd_close: (fd) => stdioOnly(fd, Errno.SUCCESS),
    fd_fdstat_get: (fd, out) => {
      if (!isStdio(Number(fd))) return Errno.EBADF;
      const v = ctx.view();
      const o = Number(out);
      v.setUint8(o, FILETYPE_CHARACTER_DEVICE);
      v.setUint16(o + 2, Number(fd) === 0 ? 0 : 1, true); // stdout/stderr: APPEND
      v.setBigUint64(o + 8, RIGHTS_ALL, true);
      v.setBigUint64(o + 16, 0n, true);
      return Errno.SUCCESS;
    },
    fd_fdstat_set_flags: (fd) => stdioOnly(fd, Errno.SUCCESS),
    fd_fdstat_set_rights: (fd) => stdioOnly(fd, Errno.ENOTSUP),
    fd_filestat_get: (fd, out) => {
      if (!isStdio(Number(fd))) return Errno.EBADF;
      const b = ctx.bytes();
      b.fill(0, Number(out), Number(out) + 64);
      ctx.view().setUint8(Number(out) + 16, FILETYPE_CHARACTER_DEVICE);
      return Errno.SUCCESS;
    },
    fd_filestat_set_size: (fd) => stdioOnly(fd, Errno.EINVAL),
    fd_filestat_set_times: (fd) => stdioOnly(fd, Errno.ENOTSUP),
    fd_prestat_get: () => Errno.EBADF,
    fd_prestat_dir_name: () => Errno.EBADF,
    fd_readdir: (fd) => stdioOnly(fd, Errno.ENOTDIR),
    fd_renumber: (fd) => stdioOnly(fd, Errno.ENOTSUP),
    fd_seek: (fd) => stdioOnly(fd),
    fd_tell: (fd) => stdioOnly(fd),
    fd_sync: (fd) => stdioOnly(fd, Errno.SUCCESS),
    fd_datasync: (fd) => stdioOnly(fd, Errno.SUCCESS),
    fd_advise: (fd) => stdioOnly(fd),
    fd_allocate: (fd) => stdioOnly(fd),
  };
}
