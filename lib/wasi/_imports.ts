/**
 * The `wasi_snapshot_preview1` import object of one host: one object literal of 46 arrow
 * functions, each declaring exactly its function's parameters (so the engine calls it from wasm
 * without adapting arguments), reading every i32 unsigned (a pointer at or above 2 GiB arrives
 * negative) and passing i64s as they come, and answering a guest range outside memory with
 * EFAULT. One literal makes a host's imports in one allocation of one shape; stored name by name
 * they cost a keyed store each (#15).
 *
 * @module
 */
import type { WasiContext, WasiFunction } from "./context.ts";
import { Errno } from "./errno.ts";
import { args_get, args_sizes_get, environ_get, environ_sizes_get } from "./args.ts";
import { clock_res_get, clock_time_get, random_get, sched_yield } from "./clock.ts";
import {
  fd_advise,
  fd_allocate,
  fd_close,
  fd_fdstat_get,
  fd_fdstat_set_flags,
  fd_fdstat_set_rights,
  fd_filestat_get,
  fd_filestat_set_size,
  fd_filestat_set_times,
  fd_pread,
  fd_prestat_dir_name,
  fd_prestat_get,
  fd_pwrite,
  fd_read,
  fd_readdir,
  fd_renumber,
  fd_seek,
  fd_sync,
  fd_tell,
  fd_write,
} from "./fd.ts";
import {
  path_create_directory,
  path_filestat_get,
  path_filestat_set_times,
  path_link,
  path_open,
  path_readlink,
  path_remove_directory,
  path_rename,
  path_symlink,
  path_unlink_file,
} from "./path.ts";
import { poll_oneoff } from "./poll.ts";
import { proc_exit, proc_raise } from "./proc.ts";
import { notSocket } from "./sock.ts";

/** What a call that threw answers: EFAULT for a guest range outside memory; anything else is rethrown. */
function fault(e: unknown): number {
  // typed arrays and DataViews throw RangeError for a range outside memory (and for lengths no
  // array can have); a host stack overflow is not the guest's pointer and stays a trap
  if (e instanceof RangeError && !/call stack/i.test(e.message)) return Errno.EFAULT;
  throw e;
}

/**
 * The 46 functions over `ctx`. Typed as {@linkcode WasiFunction}s, they take i32 arguments as
 * numbers only (as wasm passes them), i64 arguments as bigints or numbers.
 */
export function wasiImports(ctx: WasiContext): Record<string, WasiFunction> {
  const functions = {
    args_get: (a: number, b: number): number => {
      try {
        return args_get(ctx, a >>> 0, b >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    args_sizes_get: (a: number, b: number): number => {
      try {
        return args_sizes_get(ctx, a >>> 0, b >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    environ_get: (a: number, b: number): number => {
      try {
        return environ_get(ctx, a >>> 0, b >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    environ_sizes_get: (a: number, b: number): number => {
      try {
        return environ_sizes_get(ctx, a >>> 0, b >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    clock_res_get: (a: number, b: number): number => {
      try {
        return clock_res_get(ctx, a >>> 0, b >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    clock_time_get: (a: number, b: number | bigint, c: number): number => {
      try {
        return clock_time_get(ctx, a >>> 0, b, c >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    fd_advise: (a: number, _b: number | bigint, _c: number | bigint, _d: number): number => {
      try {
        return fd_advise(ctx, a >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    fd_allocate: (a: number, b: number | bigint, c: number | bigint): number => {
      try {
        return fd_allocate(ctx, a >>> 0, b, c);
      } catch (e) {
        return fault(e);
      }
    },
    fd_close: (a: number): number => {
      try {
        return fd_close(ctx, a >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    fd_datasync: (a: number): number => {
      try {
        return fd_sync(ctx, a >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    fd_fdstat_get: (a: number, b: number): number => {
      try {
        return fd_fdstat_get(ctx, a >>> 0, b >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    fd_fdstat_set_flags: (a: number, b: number): number => {
      try {
        return fd_fdstat_set_flags(ctx, a >>> 0, b >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    fd_fdstat_set_rights: (a: number, b: number | bigint, c: number | bigint): number => {
      try {
        return fd_fdstat_set_rights(ctx, a >>> 0, b, c);
      } catch (e) {
        return fault(e);
      }
    },
    fd_filestat_get: (a: number, b: number): number => {
      try {
        return fd_filestat_get(ctx, a >>> 0, b >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    fd_filestat_set_size: (a: number, b: number | bigint): number => {
      try {
        return fd_filestat_set_size(ctx, a >>> 0, b);
      } catch (e) {
        return fault(e);
      }
    },
    fd_filestat_set_times: (a: number, b: number | bigint, c: number | bigint, d: number): number => {
      try {
        return fd_filestat_set_times(ctx, a >>> 0, b, c, d >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    fd_pread: (a: number, b: number, c: number, d: number | bigint, e: number): number => {
      try {
        return fd_pread(ctx, a >>> 0, b >>> 0, c >>> 0, d, e >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    fd_prestat_get: (a: number, b: number): number => {
      try {
        return fd_prestat_get(ctx, a >>> 0, b >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    fd_prestat_dir_name: (a: number, b: number, c: number): number => {
      try {
        return fd_prestat_dir_name(ctx, a >>> 0, b >>> 0, c >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    fd_pwrite: (a: number, b: number, c: number, d: number | bigint, e: number): number => {
      try {
        return fd_pwrite(ctx, a >>> 0, b >>> 0, c >>> 0, d, e >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    fd_read: (a: number, b: number, c: number, d: number): number => {
      try {
        return fd_read(ctx, a >>> 0, b >>> 0, c >>> 0, d >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    fd_readdir: (a: number, b: number, c: number, d: number | bigint, e: number): number => {
      try {
        return fd_readdir(ctx, a >>> 0, b >>> 0, c >>> 0, d, e >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    fd_renumber: (a: number, b: number): number => {
      try {
        return fd_renumber(ctx, a >>> 0, b >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    fd_seek: (a: number, b: number | bigint, c: number, d: number): number => {
      try {
        return fd_seek(ctx, a >>> 0, b, c >>> 0, d >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    fd_sync: (a: number): number => {
      try {
        return fd_sync(ctx, a >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    fd_tell: (a: number, b: number): number => {
      try {
        return fd_tell(ctx, a >>> 0, b >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    fd_write: (a: number, b: number, c: number, d: number): number => {
      try {
        return fd_write(ctx, a >>> 0, b >>> 0, c >>> 0, d >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    path_create_directory: (a: number, b: number, c: number): number => {
      try {
        return path_create_directory(ctx, a >>> 0, b >>> 0, c >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    path_filestat_get: (a: number, b: number, c: number, d: number, e: number): number => {
      try {
        return path_filestat_get(ctx, a >>> 0, b >>> 0, c >>> 0, d >>> 0, e >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    path_filestat_set_times: (
      a: number,
      b: number,
      c: number,
      d: number,
      e: number | bigint,
      f: number | bigint,
      g: number,
    ): number => {
      try {
        return path_filestat_set_times(ctx, a >>> 0, b >>> 0, c >>> 0, d >>> 0, e, f, g >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    path_link: (a: number, b: number, c: number, d: number, e: number, f: number, g: number): number => {
      try {
        return path_link(ctx, a >>> 0, b >>> 0, c >>> 0, d >>> 0, e >>> 0, f >>> 0, g >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    path_open: (
      a: number,
      b: number,
      c: number,
      d: number,
      e: number,
      f: number | bigint,
      g: number | bigint,
      h: number,
      j: number,
    ): number => {
      try {
        return path_open(ctx, a >>> 0, b >>> 0, c >>> 0, d >>> 0, e >>> 0, f, g, h >>> 0, j >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    path_readlink: (a: number, b: number, c: number, d: number, e: number, f: number): number => {
      try {
        return path_readlink(ctx, a >>> 0, b >>> 0, c >>> 0, d >>> 0, e >>> 0, f >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    path_remove_directory: (a: number, b: number, c: number): number => {
      try {
        return path_remove_directory(ctx, a >>> 0, b >>> 0, c >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    path_rename: (a: number, b: number, c: number, d: number, e: number, f: number): number => {
      try {
        return path_rename(ctx, a >>> 0, b >>> 0, c >>> 0, d >>> 0, e >>> 0, f >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    path_symlink: (a: number, b: number, c: number, d: number, e: number): number => {
      try {
        return path_symlink(ctx, a >>> 0, b >>> 0, c >>> 0, d >>> 0, e >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    path_unlink_file: (a: number, b: number, c: number): number => {
      try {
        return path_unlink_file(ctx, a >>> 0, b >>> 0, c >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    poll_oneoff: (a: number, b: number, c: number, d: number): number => {
      try {
        return poll_oneoff(ctx, a >>> 0, b >>> 0, c >>> 0, d >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    // thrown once, not caught and rethrown: each throw through wasm frames costs microseconds
    proc_exit: (a: number): never => proc_exit(a >>> 0),
    proc_raise: (_a: number): number => proc_raise(),
    random_get: (a: number, b: number): number => {
      try {
        return random_get(ctx, a >>> 0, b >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    sched_yield: (): number => sched_yield(),
    sock_accept: (a: number, _b: number, _c: number): number => {
      try {
        return notSocket(ctx, a >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    sock_recv: (a: number, _b: number, _c: number, _d: number, _e: number, _f: number): number => {
      try {
        return notSocket(ctx, a >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    sock_send: (a: number, _b: number, _c: number, _d: number, _e: number): number => {
      try {
        return notSocket(ctx, a >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
    sock_shutdown: (a: number, _b: number): number => {
      try {
        return notSocket(ctx, a >>> 0);
      } catch (e) {
        return fault(e);
      }
    },
  };
  return functions as Record<string, unknown> as Record<string, WasiFunction>;
}
