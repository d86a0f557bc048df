/**
 * WASI `path_*` functions over the caller's preopened in-memory directories. Without preopens
 * every path call names a descriptor that is not a directory the guest was given: EBADF for an
 * unknown descriptor, ENOTDIR for stdio. Absolute paths and `..` above a preopen are ENOTCAPABLE.
 *
 * @module
 */
import { utf8 } from "./_utf8.ts";
import { copyBytes } from "./_copy.ts";
import { Errno } from "./errno.ts";
import type { WasiContext } from "./context.ts";
import { writeFilestat } from "./fd.ts";

/** lookupflags: follow a symbolic link at the end of the path. */
const SYMLINK_FOLLOW = 1;

/** What a path call on a descriptor that is not a preopened directory answers. */
function noDir(fd: number): number {
  return fd <= 2 ? Errno.ENOTDIR : Errno.EBADF;
}

/** The guest's path string (a range outside memory is a RangeError, answered as EFAULT). */
function text(ctx: WasiContext, ptr: number, len: number): string {
  const b = ctx.bytes();
  if (ptr + len > b.length) throw new RangeError("path outside memory");
  return new TextDecoder().decode(b.subarray(ptr, ptr + len));
}

/** `path_open`: the new descriptor at `out`. */
export function path_open(
  ctx: WasiContext,
  fd: number,
  dirflags: number,
  path: number,
  pathLen: number,
  oflags: number,
  rightsBase: number | bigint,
  rightsInheriting: number | bigint,
  fdflags: number,
  out: number,
): number {
  const fs = ctx.fs;
  if (!fs?.get(fd)) return noDir(fd);
  const r = fs.open(
    fd,
    text(ctx, path, pathLen),
    oflags,
    fdflags,
    BigInt(rightsBase),
    (dirflags & SYMLINK_FOLLOW) !== 0,
    BigInt(rightsInheriting),
  );
  if (r < 0) return -r;
  ctx.view().setUint32(out, r, true);
  return Errno.SUCCESS;
}

/** `path_filestat_get`: a filestat record at `out`. */
export function path_filestat_get(
  ctx: WasiContext,
  fd: number,
  flags: number,
  path: number,
  pathLen: number,
  out: number,
): number {
  const fs = ctx.fs;
  if (!fs?.get(fd)) return noDir(fd);
  const st = fs.pathStat(fd, text(ctx, path, pathLen), (flags & SYMLINK_FOLLOW) !== 0);
  if (typeof st === "number") return st;
  writeFilestat(ctx.view(), out, st);
  return Errno.SUCCESS;
}

/** `path_create_directory`. */
export function path_create_directory(ctx: WasiContext, fd: number, path: number, pathLen: number): number {
  const fs = ctx.fs;
  return fs?.get(fd) ? fs.mkdir(fd, text(ctx, path, pathLen)) : noDir(fd);
}

/** `path_unlink_file`. */
export function path_unlink_file(ctx: WasiContext, fd: number, path: number, pathLen: number): number {
  const fs = ctx.fs;
  return fs?.get(fd) ? fs.remove(fd, text(ctx, path, pathLen), false) : noDir(fd);
}

/** `path_remove_directory`. */
export function path_remove_directory(ctx: WasiContext, fd: number, path: number, pathLen: number): number {
  const fs = ctx.fs;
  return fs?.get(fd) ? fs.remove(fd, text(ctx, path, pathLen), true) : noDir(fd);
}

/** `path_filestat_set_times`. */
export function path_filestat_set_times(
  ctx: WasiContext,
  fd: number,
  flags: number,
  path: number,
  pathLen: number,
  atim: number | bigint,
  mtim: number | bigint,
  fstFlags: number,
): number {
  const fs = ctx.fs;
  if (!fs?.get(fd)) return noDir(fd);
  return fs.setTimes(
    { dirfd: fd, path: text(ctx, path, pathLen), follow: (flags & SYMLINK_FOLLOW) !== 0 },
    BigInt(atim),
    BigInt(mtim),
    fstFlags,
    ctx.now(0),
  );
}

/** `path_link`: a hard link at `newPath` (under `newFd`) to `oldPath` (under `oldFd`). */
export function path_link(
  ctx: WasiContext,
  oldFd: number,
  oldFlags: number,
  oldPath: number,
  oldLen: number,
  newFd: number,
  newPath: number,
  newLen: number,
): number {
  const fs = ctx.fs;
  if (!fs?.get(oldFd)) return noDir(oldFd);
  if (!fs.get(newFd)) return noDir(newFd);
  const follow = (oldFlags & SYMLINK_FOLLOW) !== 0;
  return fs.link(oldFd, text(ctx, oldPath, oldLen), follow, newFd, text(ctx, newPath, newLen));
}

/** `path_readlink`: as POSIX readlink, at most `bufLen` bytes and no NUL added. */
export function path_readlink(
  ctx: WasiContext,
  fd: number,
  path: number,
  pathLen: number,
  buf: number,
  bufLen: number,
  used: number,
): number {
  const fs = ctx.fs;
  if (!fs?.get(fd)) return noDir(fd);
  const target = fs.readlink(fd, text(ctx, path, pathLen));
  if (typeof target === "number") return target;
  const bytes = utf8.encode(target).subarray(0, bufLen);
  copyBytes(ctx.bytes(), buf, bytes, 0, bytes.length);
  ctx.view().setUint32(used, bytes.length, true);
  return Errno.SUCCESS;
}

/** `path_rename`. */
export function path_rename(
  ctx: WasiContext,
  fd: number,
  oldPath: number,
  oldLen: number,
  newFd: number,
  newPath: number,
  newLen: number,
): number {
  const fs = ctx.fs;
  if (!fs?.get(fd)) return noDir(fd);
  if (!fs.get(newFd)) return noDir(newFd);
  return fs.rename(fd, text(ctx, oldPath, oldLen), newFd, text(ctx, newPath, newLen));
}

/** `path_symlink(old_path, old_len, fd, new_path, new_len)`: the descriptor is the third. */
export function path_symlink(
  ctx: WasiContext,
  target: number,
  targetLen: number,
  fd: number,
  path: number,
  pathLen: number,
): number {
  const fs = ctx.fs;
  return fs?.get(fd) ? fs.symlink(text(ctx, target, targetLen), fd, text(ctx, path, pathLen)) : noDir(fd);
}
