/**
 * WASI preview1 errno values used by mapscope's host (wasi_snapshot_preview1 `errno` enum).
 *
 * @module
 */

/**
 * The preview1 errno values mapscope's host returns.
 *
 * @example
 * ```ts
 * import { Errno } from "@mapscope/mapscope/wasi";
 * console.log(Errno.EBADF); // 8
 * ```
 */
export const Errno = {
  SUCCESS: 0,
  E2BIG: 1,
  EACCES: 2,
  EAGAIN: 6,
  EBADF: 8,
  EBUSY: 10,
  EEXIST: 20,
  EFAULT: 21,
  EFBIG: 22,
  EINVAL: 28,
  EIO: 29,
  EISDIR: 31,
  ELOOP: 32,
  ENOENT: 44,
  ENOSYS: 52,
  ENOTDIR: 54,
  ENOTEMPTY: 55,
  ENOTSOCK: 57,
  ENOTSUP: 58,
  EPERM: 63,
  ESPIPE: 70,
  ENOTCAPABLE: 76,
} as const;
