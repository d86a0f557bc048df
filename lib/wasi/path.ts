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

/** lookupflags: follow a symbolic link at the end of the path. */
const SYMLINK_FOLLOW = 1;

/** All 10 `path_*` functions of preview1. */
export function pathImports(ctx: WasiContext): Record<string, WasiFunction> {
  const fs = ctx.fs;
  const noDir = (fd: number | bigint) => (Number(fd) <= 2 && Number(fd) >= 0 ? Errno.ENOTDIR : Errno.EBADF);
  const text = (ptr: number | bigint, len: number | bigint) =>
    new TextDecoder().decode(ctx.bytes().subarray(Number(ptr), Number(ptr) + Number(len)));
  return {
    path_open: (fd, dirflags, path, pathLen, oflags, rightsBase, rightsInheriting, fdflags, out) => {
      if (!fs?.get(Number(fd))) return noDir(fd);
      const r = fs.open(
        Number(fd),
        text(path, pathLen),
        Number(oflags),
        Number(fdflags),
        BigInt(rightsBase),
        (Number(dirflags) & SYMLINK_FOLLOW) !== 0,
        BigInt(rightsInheriting),
      );
      if (r < 0) return -r;
      ctx.view().setUint32(Number(out), r, true);
      return Errno.SUCCESS;
    },
    path_filestat_get: (fd, flags, path, pathLen, out) => {
      if (!fs?.get(Number(fd))) return noDir(fd);
      const st = fs.pathStat(Number(fd), text(path, pathLen), (Number(flags) & SYMLINK_FOLLOW) !== 0);
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
    path_filestat_set_times: (fd, flags, path, pathLen, atim, mtim, fstFlags) =>
      fs?.get(Number(fd))
        ? fs.setTimes(
          { dirfd: Number(fd), path: text(path, pathLen), follow: (Number(flags) & SYMLINK_FOLLOW) !== 0 },
          BigInt(atim),
          BigInt(mtim),
          Number(fstFlags),
          ctx.now(0),
        )
        : noDir(fd),
    path_link: (oldFd, oldFlags, oldPath, oldLen, newFd, newPath, newLen) => {
      if (!fs?.get(Number(oldFd))) return noDir(oldFd);
      if (!fs.get(Number(newFd))) return noDir(newFd);
      const follow = (Number(oldFlags) & SYMLINK_FOLLOW) !== 0;
      return fs.link(Number(oldFd), text(oldPath, oldLen), follow, Number(newFd), text(newPath, newLen));
    },
    path_readlink: (fd, path, pathLen, buf, bufLen, used) => {
      if (!fs?.get(Number(fd))) return noDir(fd);
      const target = fs.readlink(Number(fd), text(path, pathLen));
      if (typeof target === "number") return target;
      // as POSIX readlink: at most bufLen bytes, no NUL added
      const bytes = new TextEncoder().encode(target).subarray(0, Number(bufLen));
      ctx.bytes().set(bytes, Number(buf));
      ctx.view().setUint32(Number(used), bytes.length, true);
      return Errno.SUCCESS;
    },
    path_rename: (fd, oldPath, oldLen, newFd, newPath, newLen) => {
      if (!fs?.get(Number(fd))) return noDir(fd);
      if (!fs.get(Number(newFd))) return noDir(newFd);
      return fs.rename(Number(fd), text(oldPath, oldLen), Number(newFd), text(newPath, newLen));
    },
    // path_symlink takes (old_path, old_len, fd, new_path, new_len): the descriptor is the third.
    path_symlink: (target, targetLen, fd, path, pathLen) =>
      fs?.get(Number(fd)) ? fs.symlink(text(target, targetLen), Number(fd), text(path, pathLen)) : noDir(fd),
  };
}
