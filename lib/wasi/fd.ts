/**
 * WASI `fd_*` functions: stdio (0, 1, 2), and descriptors 3 and up when the caller preopened
 * in-memory directories (see `memfs.ts`). Without preopens every other descriptor is EBADF.
 *
 * @module
 */
import { utf8 } from "./_utf8.ts";
import { copyBytes } from "./_copy.ts";
import { Errno } from "./errno.ts";
import type { WasiContext } from "./context.ts";
import { checkTimeFlags, type MemFs, type NodeStat, RIGHTS, RIGHTS_ALL } from "./memfs.ts";

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
 * The bytes an iovec array describes, in all. Every iovec is checked to lie inside memory before
 * anything is allocated (a RangeError, answered as EFAULT, otherwise): a corrupted length cannot
 * make the host allocate gigabytes.
 */
function gatherSize(ctx: WasiContext, iovs: number, count: number): number {
  const v = ctx.view();
  const size = v.byteLength;
  if (iovs + 8 * count > size) throw new RangeError("iovec array outside memory");
  let total = 0;
  for (let i = 0; i < count; i++) {
    const ptr = v.getUint32(iovs + 8 * i, true);
    const len = v.getUint32(iovs + 8 * i + 4, true);
    if (ptr + len > size) throw new RangeError("iovec outside memory");
    total += len;
    // many iovecs over the same large range could add up to more than any write needs: stop at
    // once, not after reading the rest of a hostile count
    if (total > MAX_GATHER) throw new RangeError("iovecs add up to more than 1 GiB");
  }
  return total;
}

/** Copies the bytes of an iovec array that {@linkcode gatherSize} checked into `out`. */
function gatherInto(ctx: WasiContext, iovs: number, count: number, out: Uint8Array): Uint8Array {
  const v = ctx.view();
  const b = ctx.bytes();
  let at = 0;
  for (let i = 0; i < count; i++) {
    const ptr = v.getUint32(iovs + 8 * i, true);
    const len = v.getUint32(iovs + 8 * i + 4, true);
    copyBytes(out, at, b, ptr, len);
    at += len;
  }
  return out;
}

/** The bytes an iovec array describes, copied out of the guest's memory. */
function gather(ctx: WasiContext, iovs: number, count: number): Uint8Array {
  return gatherInto(ctx, iovs, count, new Uint8Array(gatherSize(ctx, iovs, count)));
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
    copyBytes(ctx.bytes(), ptr, chunk, 0, chunk.length);
    total += chunk.length;
    if (chunk.length < len) break;
  }
  ctx.view().setUint32(nread, total, true);
  return Errno.SUCCESS;
}

/** Whether `fd` is a stdio descriptor (0, 1, 2 or where `fd_renumber` moved one). */
function isStdio(ctx: WasiContext, fd: number): boolean {
  return ctx.stdio.has(fd);
}

/** For stdio `onStdio`; for an open in-memory descriptor `onFs`; else EBADF. */
function by(ctx: WasiContext, fd: number, onStdio: number, onFs: number): number {
  return isStdio(ctx, fd) ? onStdio : ctx.fs?.get(fd) ? onFs : Errno.EBADF;
}

/**
 * The in-memory file system when `fd` is a file open in it, for the calls that take a position:
 * ESPIPE for stdio (which has none), EBADF for a descriptor not open.
 */
function openFile(ctx: WasiContext, fd: number): MemFs | number {
  if (isStdio(ctx, fd)) return Errno.ESPIPE;
  const fs = ctx.fs;
  return fs?.get(fd) ? fs : Errno.EBADF;
}

/** Stdout's and stderr's descriptor flags: APPEND. */
const FDFLAGS_APPEND = 1;
/** Stdio's rights: all but seeking and resizing. */
const STDIO_RIGHTS = RIGHTS_ALL & ~(RIGHTS.fdSeek | RIGHTS.fdFilestatSetSize);

/**
 * `fd_write`: to stdout or stderr (captured), an open in-memory file, or, for a descriptor above
 * 2 that is neither, the host's other-write handler (EBADF without one). The descriptor is
 * checked before the iovecs are read.
 */
export function fd_write(
  ctx: WasiContext,
  fd: number,
  iovs: number,
  count: number,
  nwritten: number,
): number {
  if (fd > 2 && ctx.rawWrite) {
    const answer = ctx.rawWrite(fd, iovs, count, nwritten);
    if (answer !== undefined) return answer;
  }
  const stream = ctx.stdio.get(fd);
  let errno: number;
  let written: number;
  if (stream !== undefined) {
    if (stream === 0) return Errno.EBADF;
    written = gatherSize(ctx, iovs, count);
    errno = ctx.write(stream, gatherInto(ctx, iovs, count, ctx.output(written)));
  } else if (ctx.fs?.get(fd)) {
    const data = gather(ctx, iovs, count);
    written = data.length;
    errno = ctx.fs.write(fd, data);
  } else if (fd <= 2 || !ctx.writesElsewhere) {
    // a stdio number that was closed or renumbered away, or a descriptor nothing handles
    return Errno.EBADF;
  } else {
    const data = gather(ctx, iovs, count);
    written = data.length;
    errno = ctx.write(fd, data);
  }
  if (errno === Errno.SUCCESS) ctx.view().setUint32(nwritten, written, true);
  return errno;
}

/** `fd_read`: from stdin or an open in-memory file. */
export function fd_read(ctx: WasiContext, fd: number, iovs: number, count: number, nread: number): number {
  const stream = ctx.stdio.get(fd);
  if (stream === 0) return scatter(ctx, iovs, count, nread, (n) => ctx.readStdin(n));
  if (stream !== undefined) return Errno.EBADF;
  const fs = ctx.fs;
  if (fs?.get(fd)) return scatter(ctx, iovs, count, nread, (n) => fs.read(fd, n));
  return Errno.EBADF;
}

/** `fd_pread`: from an open in-memory file at `offset`, which does not move. */
export function fd_pread(
  ctx: WasiContext,
  fd: number,
  iovs: number,
  count: number,
  offset: number | bigint,
  nread: number,
): number {
  const fs = openFile(ctx, fd);
  if (typeof fs === "number") return fs;
  let at = Number(offset);
  if (at < 0) return Errno.EINVAL;
  return scatter(ctx, iovs, count, nread, (n) => {
    const chunk = fs.read(fd, n, at);
    if (typeof chunk !== "number") at += chunk.length;
    return chunk;
  });
}

/** `fd_pwrite`: to an open in-memory file at `offset`, which does not move. */
export function fd_pwrite(
  ctx: WasiContext,
  fd: number,
  iovs: number,
  count: number,
  offset: number | bigint,
  nwritten: number,
): number {
  const fs = openFile(ctx, fd);
  if (typeof fs === "number") return fs;
  const at = Number(offset);
  if (at < 0) return Errno.EINVAL;
  const data = gather(ctx, iovs, count);
  const errno = fs.write(fd, data, at);
  if (errno === Errno.SUCCESS) ctx.view().setUint32(nwritten, data.length, true);
  return errno;
}

/** `fd_close`. */
export function fd_close(ctx: WasiContext, fd: number): number {
  return ctx.stdio.delete(fd) ? Errno.SUCCESS : ctx.fs ? ctx.fs.close(fd) : Errno.EBADF;
}

/** `fd_fdstat_get`: stdio are character devices (stdout and stderr APPEND), not seekable. */
export function fd_fdstat_get(ctx: WasiContext, fd: number, out: number): number {
  const stream = ctx.stdio.get(fd);
  let filetype: number, flags: number, rights: bigint, inheriting: bigint;
  if (stream !== undefined) {
    filetype = FILETYPE_CHARACTER_DEVICE;
    flags = stream === 0 ? 0 : FDFLAGS_APPEND;
    rights = STDIO_RIGHTS;
    inheriting = 0n;
  } else {
    const st = ctx.fs?.fdstat(fd) ?? Errno.EBADF;
    if (typeof st === "number") return st;
    ({ filetype, flags, rights, inheriting } = st);
  }
  const v = ctx.view();
  v.setUint8(out, filetype);
  v.setUint16(out + 2, flags, true);
  v.setBigUint64(out + 8, rights, true);
  v.setBigUint64(out + 16, inheriting, true);
  return Errno.SUCCESS;
}

/** `fd_fdstat_set_flags`. */
export function fd_fdstat_set_flags(ctx: WasiContext, fd: number, flags: number): number {
  return isStdio(ctx, fd) ? Errno.SUCCESS : ctx.fs ? ctx.fs.setFlags(fd, flags) : Errno.EBADF;
}

/** `fd_fdstat_set_rights`: only ever narrows an open file's rights. */
export function fd_fdstat_set_rights(
  ctx: WasiContext,
  fd: number,
  base: number | bigint,
  inheriting: number | bigint,
): number {
  if (isStdio(ctx, fd)) return Errno.ENOTSUP;
  return ctx.fs ? ctx.fs.setRights(fd, BigInt(base), BigInt(inheriting)) : Errno.EBADF;
}

/** `fd_filestat_get`: a filestat record at `out`. */
export function fd_filestat_get(ctx: WasiContext, fd: number, out: number): number {
  const st = isStdio(ctx, fd) ? STDIO_STAT : ctx.fs?.stat(fd) ?? Errno.EBADF;
  if (typeof st === "number") return st;
  writeFilestat(ctx.view(), out, st);
  return Errno.SUCCESS;
}

/** `fd_filestat_set_size`. */
export function fd_filestat_set_size(ctx: WasiContext, fd: number, size: number | bigint): number {
  if (isStdio(ctx, fd)) return Errno.EINVAL;
  return ctx.fs ? ctx.fs.setSize(fd, BigInt(size)) : Errno.EBADF;
}

/** `fd_filestat_set_times`. */
export function fd_filestat_set_times(
  ctx: WasiContext,
  fd: number,
  atim: number | bigint,
  mtim: number | bigint,
  flags: number,
): number {
  if (isStdio(ctx, fd)) return checkTimeFlags(flags);
  return ctx.fs ? ctx.fs.setTimes({ fd }, BigInt(atim), BigInt(mtim), flags, ctx.now(0)) : Errno.EBADF;
}

/** `fd_prestat_get`: a preopened directory's tag and name length. */
export function fd_prestat_get(ctx: WasiContext, fd: number, out: number): number {
  const path = ctx.fs?.preopenPath(fd);
  if (path === undefined) return Errno.EBADF;
  const v = ctx.view();
  v.setUint32(out, 0, true); // tag: directory
  v.setUint32(out + 4, utf8.encode(path).length, true);
  return Errno.SUCCESS;
}

/** `fd_prestat_dir_name`: a preopened directory's name (no NUL). */
export function fd_prestat_dir_name(ctx: WasiContext, fd: number, buf: number, len: number): number {
  const path = ctx.fs?.preopenPath(fd);
  if (path === undefined) return Errno.EBADF;
  const bytes = utf8.encode(path);
  if (bytes.length > len) return Errno.EINVAL;
  copyBytes(ctx.bytes(), buf, bytes, 0, bytes.length);
  return Errno.SUCCESS;
}

/**
 * `fd_readdir`: dirents (d_next u64, d_ino u64, d_namlen u32, d_type u8: 24 bytes, then the
 * name) from `cookie` on, written straight into the guest's buffer, the last one cut at its end.
 */
export function fd_readdir(
  ctx: WasiContext,
  fd: number,
  buf: number,
  len: number,
  cookie: number | bigint,
  bufused: number,
): number {
  if (isStdio(ctx, fd)) return Errno.ENOTDIR;
  const list = ctx.fs?.list(fd);
  if (list === undefined) return Errno.EBADF;
  if (typeof list === "number") return list;
  // the buffer must lie inside memory
  if (buf + len > ctx.bytes().length) return Errno.EFAULT;
  const out = ctx.bytes().subarray(buf, buf + len);
  // the cookie is a u64 (wasm passes it signed): one past the last entry ends the listing
  const start = BigInt.asUintN(64, BigInt(cookie));
  let at = 0;
  for (
    let i = start < BigInt(list.length) ? Number(start) : list.length;
    i < list.length && at < len;
    i++
  ) {
    const name = utf8.encode(list[i].name);
    const ent = new Uint8Array(24 + name.length);
    const ev = new DataView(ent.buffer);
    ev.setBigUint64(0, BigInt(i + 1), true);
    ev.setBigUint64(8, list[i].ino, true);
    ev.setUint32(16, name.length, true);
    ev.setUint8(20, list[i].filetype);
    ent.set(name, 24);
    const n = Math.min(ent.length, out.length - at);
    copyBytes(out, at, ent, 0, n);
    at += n;
  }
  ctx.view().setUint32(bufused, at, true);
  return Errno.SUCCESS;
}

/** `fd_renumber`: `to` is closed first, then `fd` takes its number. */
export function fd_renumber(ctx: WasiContext, fd: number, to: number): number {
  const stdio = ctx.stdio;
  const fs = ctx.fs;
  const stream = stdio.get(fd);
  if (stream === undefined && !fs?.get(fd)) return Errno.EBADF;
  if (!stdio.has(to) && !fs?.get(to)) return Errno.EBADF;
  if (fd === to) return Errno.SUCCESS;
  if (!stdio.delete(to)) fs!.close(to);
  if (stream !== undefined) {
    stdio.delete(fd);
    stdio.set(to, stream);
    return Errno.SUCCESS;
  }
  return fs!.moveTo(fd, to);
}

/** `fd_seek`: the new offset at `out`. */
export function fd_seek(
  ctx: WasiContext,
  fd: number,
  offset: number | bigint,
  whence: number,
  out: number,
): number {
  const fs = openFile(ctx, fd);
  if (typeof fs === "number") return fs;
  const pos = fs.seek(fd, BigInt(offset), whence);
  if (pos < 0) return -pos;
  ctx.view().setBigUint64(out, BigInt(pos), true);
  return Errno.SUCCESS;
}

/** `fd_tell`: the offset at `out`. */
export function fd_tell(ctx: WasiContext, fd: number, out: number): number {
  const fs = openFile(ctx, fd);
  if (typeof fs === "number") return fs;
  const pos = fs.seek(fd, 0n, 1);
  if (pos < 0) return -pos;
  ctx.view().setBigUint64(out, BigInt(pos), true);
  return Errno.SUCCESS;
}

/** `fd_sync` and `fd_datasync`: nothing to flush. */
export function fd_sync(ctx: WasiContext, fd: number): number {
  return by(ctx, fd, Errno.SUCCESS, Errno.SUCCESS);
}

/** `fd_advise`: ESPIPE on stdio, accepted on a file. */
export function fd_advise(ctx: WasiContext, fd: number): number {
  return by(ctx, fd, Errno.ESPIPE, Errno.SUCCESS);
}

/** `fd_allocate`. */
export function fd_allocate(
  ctx: WasiContext,
  fd: number,
  offset: number | bigint,
  len: number | bigint,
): number {
  if (isStdio(ctx, fd)) return Errno.ESPIPE;
  return ctx.fs ? ctx.fs.allocate(fd, BigInt(offset), BigInt(len)) : Errno.EBADF;
}
