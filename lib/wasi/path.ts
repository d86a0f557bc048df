/**
 * WASI `path_*` functions. mapscope's host preopens no directory, so every path call names a
 * descriptor that is not a directory the guest was given: EBADF for an unknown descriptor,
 * ENOTDIR for stdio. Nothing on the host's filesystem is ever reachable.
 *
 * @module
 */
import { Errno } from "./errno.ts";
import type { WasiFunction } from "./context.ts";

const noDir = (fd: number | bigint) => Number(fd) <= 2 && Number(fd) >= 0 ? Errno.ENOTDIR : Errno.EBADF;

/** All 10 `path_*` functions of preview1. */
export function pathImports(): Record<string, WasiFunction> {
  const names = [
    "path_create_directory",
    "path_filestat_get",
    "path_filestat_set_times",
    "path_link",
    "path_open",
    "path_readlink",
    "path_remove_directory",
    "path_rename",
    "path_symlink",
    "path_unlink_file",
  ];
  const out: Record<string, WasiFunction> = {};
  for (const n of names) {
    // path_symlink takes (old_path, old_len, fd, ...): its descriptor is the third argument.
    out[n] = n === "path_symlink" ? (_p, _l, fd) => noDir(fd) : (fd) => noDir(fd);
  }
  return out;
}
