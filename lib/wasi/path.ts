/**
 * WASI `path_*` functions over the caller's preopened in-memory directories. Without preopens
 * every path call names a descriptor that is not a directory the guest was given: EBADF for an
 * unknown descriptor, ENOTDIR for stdio. Absolute paths and `..` above a preopen are ENOTCAPABLE.
 *
 * @module
 */
import { Errno } from "./errno.ts";
import type { WasiContext, WasiFunction } from "./context.ts";
import { writeFilestat } from "./fd.ts";

/** All 10 `path_*` functions of preview1. */
export function pathImports(ctx: WasiContext): Record<string, WasiFunction> {
  const fs = ctx.fs;
  const noDir = (fd: number | bigint) => (Number(fd) <= 2 && Number(fd) >= 0 ? Errno.ENOTDIR : Errno.EBADF);
  const text = (ptr: number | bigint, len: number | bigint) =>
    new TextDecoder().decode(ctx.bytes().subarray(Number(ptr), Number(ptr) + Number(len)));
  const unsupported = (fd: number | bigint) => (fs?.get(Number(fd)) ? Errno.ENOTSUP : noDir(fd));
  return {
    path_open: (fd, _dirflags, path, pathLen, oflags, rightsBase, _rightsInheriting, fdflags, out) => {
      if (!fs?.get(Number(fd))) return noDir(fd);
      const r = fs.open(Number(fd), text(path, pathLen), Number(oflags), Number(fdflags), BigInt(rightsBase));
      if (r < 0) return -r;
      ctx.view().setUint32(Number(out), r, true);
      return Errno.SUCCESS;
    },
    path_filestat_get: (fd, _flags, path, pathLen, out) => {
      if (!fs?.get(Number(fd))) return noDir(fd);
      const st = fs.pathStat(Number(fd), text(path, pathLen));
      if (typeof st === "number") return st;
      writeFilestat(ctx.view(), Number(out), st);
      return Errno.SUCCESS;
    },
    path_create_directory: (
      fd,
      path,
      pathLen,
    ) => (fs?.get(Number(fd)) ? fs.mkdir(Number(fd), text(path, pathLen)) : noDir(fd)),
    path_unlink_file: (
      fd,
      path,
      pathLen,
    ) => (fs?.get(Number(fd)) ? fs.remove(Number(fd), text(path, pathLen), false) : noDir(fd)),
    path_remove_directory: (
      fd,
      path,
      pathLen,
    ) => (fs?.get(Number(fd)) ? fs.remove(Number(fd), text(path, pathLen), true) : noDir(fd)),
    path_filestat_set_times: (fd, _flags, path, pathLen, atim, mtim, fstFlags) =>
      fs?.get(Number(fd))
        ? fs.setTimes(
          { dirfd: Number(fd), path: text(path, pathLen) },
          BigInt(atim),
          BigInt(mtim),
          Number(fstFlags),
          ctx.now(0),
        )
        : noDir(fd),
    path_link: (fd) => unsupported(fd),
    path_readlink: (fd) => unsupported(fd),
    path_rename: (fd, oldPath, oldLen, newFd, newPath, newLen) => {
      if (!fs?.get(Number(fd))) return noDir(fd);
      if (!fs.get(Number(newFd))) return noDir(newFd);
      return fs.rename(Number(fd), text(oldPath, oldLen), Number(newFd), text(newPath, newLen));
    },
    // path_symlink takes (old_path, old_len, fd, ...): its descriptor is the third argument.
    path_symlink: (_p, _l, fd) => unsupported(fd),
  };
}
