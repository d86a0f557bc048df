/**
 * WASI `fd_*` functions: stdio (0, 1, 2), and descriptors 3 and up when the caller preopened
 * in-memory directories (see `memfs.ts`). Without preopens every other descriptor is EBADF.
 *
 * @module
 */
import { Errno } from "./errno.ts";
import type { WasiContext, WasiFunction } from "./context.ts";
import { checkTimeFlags, type NodeStat, RIGHTS, RIGHTS_ALL } from "./memfs.ts";

/** Writes a filestat record (64 bytes): dev, ino, filetype, nlink, size, atim, mtim, ctim. */
export function writeFilestat(v: DataView, out: number, st: NodeStat): void {
  for (let i = 0; i < 64; i += 8) v.setBigUint64(out + i, 0n, true);
  v.setBigUint64(out + 8, st.ino, true);
  v.setUint8(out + 16, st.filetype);
  v.setBigUint64(out + 24, st.nlink, true);
  v.setBigUint64(out + 32, BigInt(st.size), true);
  v.setBigUint64(out + 40, st.atim, true);
  v.setBigUint64(out + 48, st.mtim, true);
  v.setBigUint64(out + 56, st.ctim, true);
}

const FILETYPE_CHARACTER_DEVICE = 2;

/** Stdio's filestat: a character device with no size. */
const STDIO_STAT: NodeStat = {
  filetype: FILETYPE_CHARACTER_DEVICE,
  size: 0,
  ino: 0n,
  nlink: 1n,
  atim: 0n,
  mtim: 0n,
  ctim: 0n,
};

/** The most one write gathers (1 GiB). */
const MAX_GATHER = 1 << 30;

/**
 * Gathers the bytes an iovec array describes. Every iovec is checked to lie inside memory before
 * anything is allocated (a RangeError, answered as EFAULT, otherwise): a corrupted length cannot
 * make the host allocate gigabytes.
 */
function gather(ctx: WasiContext, iovs: number, count: number): Uint8Array {
  const v = ctx.view();
  const b = ctx.bytes();
  const size = b.length;
  if (iovs + 8 * count > size) throw new RangeError("iovec array outside memory");
  if (count === 1) {
    const ptr = v.getUint32(iovs, true);
    const len = v.getUint32(iovs + 4, true);
    if (ptr + len > size) throw new RangeError("iovec outside memory");
    return b.slice(ptr, ptr + len);
  }
  let total = 0;
  for (let i = 0; i < count; i++) {
    const ptr = v.getUint32(iovs + 8 * i, true);
    const len = v.getUint32(iovs + 8 * i + 4, true);
    if (ptr + len > size) throw new RangeError("iovec outside memory");
    total += len;
  }
  // many iovecs over the same large range could still add up to more than any write needs
  if (total > MAX_GATHER) throw new RangeError("iovecs add up to more than 1 GiB");
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
  const stdio = ctx.stdio;
  const isStdio = (fd: number) => stdio.has(fd);
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
      const stream = stdio.get(f);
      const errno = stream !== undefined
        ? (stream === 0 ? Errno.EBADF : ctx.write(stream, data))
        : fs?.get(f)
        ? fs.write(f, data)
        : f <= 2 // a stdio number that was closed or renumbered away
        ? Errno.EBADF
        : ctx.write(f, data);
      if (errno === Errno.SUCCESS) ctx.view().setUint32(Number(nwritten), data.length, true);
      return errno;
    },
    fd_read: (fd, iovs, count, nread) => {
      const f = Number(fd);
      const stream = stdio.get(f);
      if (stream === 0) {
        return scatter(ctx, Number(iovs), Number(count), Number(nread), (n) => ctx.readStdin(n));
      }
      if (stream !== undefined) return Errno.EBADF;
      if (fs?.get(f)) return scatter(ctx, Number(iovs), Number(count), Number(nread), (n) => fs.read(f, n));
      return Errno.EBADF;
    },
    fd_pread: (fd, iovs, count, offset, nread) => {
      const f = Number(fd);
      if (isStdio(f)) return Errno.ESPIPE;
      if (!fs?.get(f)) return Errno.EBADF;
      let at = Number(offset);
      if (at < 0) return Errno.EINVAL;
      return scatter(ctx, Number(iovs), Number(count), Number(nread), (n) => {
        const chunk = fs.read(f, n, at);
        if (typeof chunk !== "number") at += chunk.length;
        return chunk;
      });
    },
    fd_pwrite: (fd, iovs, count, offset, nwritten) => {
      const f = Number(fd);
      if (isStdio(f)) return Errno.ESPIPE;
      if (!fs?.get(f)) return Errno.EBADF;
      const at = Number(offset);
      if (at < 0) return Errno.EINVAL;
      const data = gather(ctx, Number(iovs), Number(count));
      const errno = fs.write(f, data, at);
      if (errno === Errno.SUCCESS) ctx.view().setUint32(Number(nwritten), data.length, true);
      return errno;
    },
    fd_close: (fd) => (stdio.delete(Number(fd)) ? Errno.SUCCESS : fs ? fs.close(Number(fd)) : Errno.EBADF),
    fd_fdstat_get: (fd, out) => {
      const f = Number(fd);
      // stdio: character devices; stdout/stderr APPEND; no seeking
      let st = isStdio(f)
        ? {
          filetype: FILETYPE_CHARACTER_DEVICE,
          flags: stdio.get(f) === 0 ? 0 : 1,
          rights: RIGHTS_ALL & ~(RIGHTS.fdSeek | RIGHTS.fdFilestatSetSize),
          inheriting: 0n,
        }
        : fs?.fdstat(f);
      if (st === undefined) st = Errno.EBADF;
      if (typeof st === "number") return st;
      const v = ctx.view();
      const o = Number(out);
      v.setUint8(o, st.filetype);
      v.setUint16(o + 2, st.flags, true);
      v.setBigUint64(o + 8, st.rights, true);
      v.setBigUint64(o + 16, st.inheriting, true);
      return Errno.SUCCESS;
    },
    fd_fdstat_set_flags: (fd, flags) =>
      isStdio(Number(fd)) ? Errno.SUCCESS : fs ? fs.setFlags(Number(fd), Number(flags)) : Errno.EBADF,
    fd_fdstat_set_rights: (fd, base, inheriting) =>
      isStdio(Number(fd))
        ? Errno.ENOTSUP
        : fs
        ? fs.setRights(Number(fd), BigInt(base), BigInt(inheriting))
        : Errno.EBADF,
    fd_filestat_get: (fd, out) => {
      const f = Number(fd);
      const st = isStdio(f) ? STDIO_STAT : fs?.stat(f) ?? Errno.EBADF;
      if (typeof st === "number") return st;
      writeFilestat(ctx.view(), Number(out), st);
      return Errno.SUCCESS;
    },
    fd_filestat_set_size: (fd, size) =>
      isStdio(Number(fd)) ? Errno.EINVAL : fs ? fs.setSize(Number(fd), BigInt(size)) : Errno.EBADF,
    fd_filestat_set_times: (fd, atim, mtim, flags) =>
      isStdio(Number(fd))
        ? checkTimeFlags(Number(flags))
        : fs
        ? fs.setTimes({ fd: Number(fd) }, BigInt(atim), BigInt(mtim), Number(flags), ctx.now(0))
        : Errno.EBADF,
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
      // dirent: d_next u64, d_ino u64, d_namlen u32, d_type u8 (24 bytes), then the name;
      // written straight into the guest's buffer, which must lie inside memory
      const [b, l] = [Number(buf), Number(len)];
      if (b + l > ctx.bytes().length) return Errno.EFAULT;
      const out = ctx.bytes().subarray(b, b + l);
      // the cookie is a u64 (wasm passes it signed): one past the last entry ends the listing
      const start = BigInt.asUintN(64, BigInt(cookie));
      let at = 0;
      for (
        let i = start < BigInt(list.length) ? Number(start) : list.length;
        i < list.length && at < l;
        i++
      ) {
        const name = new TextEncoder().encode(list[i].name);
        const ent = new Uint8Array(24 + name.length);
        const ev = new DataView(ent.buffer);
        ev.setBigUint64(0, BigInt(i + 1), true);
        ev.setBigUint64(8, list[i].ino, true);
        ev.setUint32(16, name.length, true);
        ev.setUint8(20, list[i].filetype);
        ent.set(name, 24);
        const n = Math.min(ent.length, out.length - at);
        out.set(ent.subarray(0, n), at);
        at += n;
      }
      ctx.view().setUint32(Number(bufused), at, true);
      return Errno.SUCCESS;
    },
    fd_renumber: (fd, to) => {
      const [f, t] = [Number(fd), Number(to)];
      const stream = stdio.get(f);
      if (stream === undefined && !fs?.get(f)) return Errno.EBADF;
      if (!stdio.has(t) && !fs?.get(t)) return Errno.EBADF;
      if (f === t) return Errno.SUCCESS;
      // `to` is closed first, then `fd` takes its number
      if (!stdio.delete(t)) fs!.close(t);
      if (stream !== undefined) {
        stdio.delete(f);
        stdio.set(t, stream);
        return Errno.SUCCESS;
      }
      return fs!.moveTo(f, t);
    },
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
    fd_allocate: (fd, offset, len) =>
      isStdio(Number(fd))
        ? Errno.ESPIPE
        : fs
        ? fs.allocate(Number(fd), BigInt(offset), BigInt(len))
        : Errno.EBADF,
  };
}
