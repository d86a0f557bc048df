/**
 * WASI `fd_*` functions: stdio (0, 1, 2), and descriptors 3 and up when the caller preopened
 * in-memory directories (see `memfs.ts`). Without preopens every other descriptor is EBADF.
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

/** Scatters reads into an iovec array; `read(max)` returns a chunk or an errno. */
function scatter(
  ctx: WasiContext,
  iovs: number,
  count: number,
  nread: number,
  read: (max: number) => Uint8Array | number,
): number {
  const v = ctx.view();
  let total = 0;
  for (let i = 0; i < count; i++) {
    const ptr = v.getUint32(iovs + 8 * i, true);
    const len = v.getUint32(iovs + 8 * i + 4, true);
    const chunk = read(len);
    if (typeof chunk === "number") return chunk;
    ctx.bytes().set(chunk, ptr);
    total += chunk.length;
    if (chunk.length < len) break;
  }
  ctx.view().setUint32(nread, total, true);
  return Errno.SUCCESS;
}

/** All 21 `fd_*` functions of preview1. */
export function fdImports(ctx: WasiContext): Record<string, WasiFunction> {
  const fs = ctx.fs;
  /** For stdio `onStdio`; for an open in-memory descriptor `onFs`; else EBADF. */
  const by = (fd: number | bigint, onStdio: number, onFs: number = Errno.ENOTSUP) =>
    isStdio(Number(fd)) ? onStdio : fs?.get(Number(fd)) ? onFs : Errno.EBADF;
  return {
    fd_write: (fd, iovs, count, nwritten) => {
      const f = Number(fd);
      if (f > 2 && ctx.rawWrite) {
        const answer = ctx.rawWrite(f, Number(iovs), Number(count), Number(nwritten));
        if (answer !== undefined) return answer;
      }
      const data = gather(ctx, Number(iovs), Number(count));
      const errno = fs?.get(f) ? fs.write(f, data) : ctx.write(f, data);
      if (errno === Errno.SUCCESS) ctx.view().setUint32(Number(nwritten), data.length, true);
      return errno;
    },
    fd_read: (fd, iovs, count, nread) => {
      const f = Number(fd);
      if (f === 0) return scatter(ctx, Number(iovs), Number(count), Number(nread), (n) => ctx.readStdin(n));
      if (fs?.get(f)) return scatter(ctx, Number(iovs), Number(count), Number(nread), (n) => fs.read(f, n));
      return Errno.EBADF;
    },
    fd_pread: (fd) => by(fd, Errno.ESPIPE),
    fd_pwrite: (fd) => by(fd, Errno.ESPIPE),
    fd_close: (fd) => (isStdio(Number(fd)) ? Errno.SUCCESS : fs ? fs.close(Number(fd)) : Errno.EBADF),
    fd_fdstat_get: (fd, out) => {
      const f = Number(fd);
      let filetype = FILETYPE_CHARACTER_DEVICE;
      if (!isStdio(f)) {
        const st = fs?.stat(f);
        if (st === undefined || typeof st === "number") return Errno.EBADF;
        filetype = st.filetype;
      }
      const v = ctx.view();
      const o = Number(out);
      v.setUint8(o, filetype);
      v.setUint16(o + 2, f === 1 || f === 2 ? 1 : 0, true); // stdout/stderr: APPEND
      v.setBigUint64(o + 8, RIGHTS_ALL, true);
      v.setBigUint64(o + 16, RIGHTS_ALL, true);
      return Errno.SUCCESS;
    },
    fd_fdstat_set_flags: (fd) => by(fd, Errno.SUCCESS, Errno.SUCCESS),
    fd_fdstat_set_rights: (fd) => by(fd, Errno.ENOTSUP),
    fd_filestat_get: (fd, out) => {
      const f = Number(fd);
      let filetype = FILETYPE_CHARACTER_DEVICE;
      let size = 0;
      if (!isStdio(f)) {
        const st = fs?.stat(f);
        if (st === undefined || typeof st === "number") return Errno.EBADF;
        ({ filetype, size } = st);
      }
      ctx.bytes().fill(0, Number(out), Number(out) + 64);
      ctx.view().setUint8(Number(out) + 16, filetype);
      ctx.view().setBigUint64(Number(out) + 24, 1n, true);
      ctx.view().setBigUint64(Number(out) + 32, BigInt(size), true);
      return Errno.SUCCESS;
    },
    fd_filestat_set_size: (fd) => by(fd, Errno.EINVAL),
    fd_filestat_set_times: (fd) => by(fd, Errno.ENOTSUP),
    fd_prestat_get: (fd, out) => {
      const path = fs?.preopenPath(Number(fd));
      if (path === undefined) return Errno.EBADF;
      ctx.view().setUint32(Number(out), 0, true); // tag: directory
      ctx.view().setUint32(Number(out) + 4, new TextEncoder().encode(path).length, true);
      return Errno.SUCCESS;
    },
    fd_prestat_dir_name: (fd, buf, len) => {
      const path = fs?.preopenPath(Number(fd));
      if (path === undefined) return Errno.EBADF;
      const bytes = new TextEncoder().encode(path);
      if (bytes.length > Number(len)) return Errno.EINVAL;
      ctx.bytes().set(bytes, Number(buf));
      return Errno.SUCCESS;
    },
    fd_readdir: (fd, buf, len, cookie, bufused) => {
      if (isStdio(Number(fd))) return Errno.ENOTDIR;
      const list = fs?.list(Number(fd));
      if (list === undefined) return Errno.EBADF;
      if (typeof list === "number") return list;
      // dirent: d_next u64, d_ino u64, d_namlen u32, d_type u8 (24 bytes), then the name
      const out = new Uint8Array(Number(len));
      let at = 0;
      for (let i = Number(cookie); i < list.length && at < out.length; i++) {
        const name = new TextEncoder().encode(list[i].name);
        const ent = new Uint8Array(24 + name.length);
        const ev = new DataView(ent.buffer);
        ev.setBigUint64(0, BigInt(i + 1), true);
        ev.setBigUint64(8, BigInt(i + 1), true);
        ev.setUint32(16, name.length, true);
        ev.setUint8(20, list[i].filetype);
        ent.set(name, 24);
        const n = Math.min(ent.length, out.length - at);
        out.set(ent.subarray(0, n), at);
        at += n;
      }
      ctx.bytes().set(out.subarray(0, at), Number(buf));
      ctx.view().setUint32(Number(bufused), at, true);
      return Errno.SUCCESS;
    },
    fd_renumber: (fd) => by(fd, Errno.ENOTSUP),
    fd_seek: (fd, offset, whence, out) => {
      const f = Number(fd);
      if (isStdio(f) || !fs?.get(f)) return isStdio(f) ? Errno.ESPIPE : Errno.EBADF;
      const pos = fs.seek(f, BigInt(offset), Number(whence));
      if (pos < 0) return -pos;
      ctx.view().setBigUint64(Number(out), BigInt(pos), true);
      return Errno.SUCCESS;
    },
    fd_tell: (fd, out) => {
      const f = Number(fd);
      if (isStdio(f) || !fs?.get(f)) return isStdio(f) ? Errno.ESPIPE : Errno.EBADF;
      const pos = fs.seek(f, 0n, 1);
      if (pos < 0) return -pos;
      ctx.view().setBigUint64(Number(out), BigInt(pos), true);
      return Errno.SUCCESS;
    },
    fd_sync: (fd) => by(fd, Errno.SUCCESS, Errno.SUCCESS),
    fd_datasync: (fd) => by(fd, Errno.SUCCESS, Errno.SUCCESS),
    fd_advise: (fd) => by(fd, Errno.ESPIPE, Errno.SUCCESS),
    fd_allocate: (fd) => by(fd, Errno.ESPIPE),
  };
}
