/**
 * The state a WASI host's functions act on (memory access, args, env, stdio, clock, random), and
 * the type of a function in its import object.
 *
 * @module
 */

/**
 * A function of the `wasi_snapshot_preview1` import object. Wasm passes i32 arguments as numbers
 * (which the host reads unsigned) and i64 arguments as bigints; the host also takes numbers for i64s.
 *
 * @example
 * ```ts
 * import { type WasiFunction, WasiHost } from "@mapscope/mapscope/wasi";
 * const f: WasiFunction = new WasiHost().imports.wasi_snapshot_preview1.sched_yield!;
 * console.log(f()); // 0
 * ```
 */
export type WasiFunction = (...args: (number | bigint)[]) => number | void;

import type { MemFs } from "./memfs.ts";

/** What the functions of a `WasiHost` read and write: one per host. */
export interface WasiContext {
  /** Preopened in-memory directories, if the caller gave any. */
  fs?: MemFs | undefined;
  /**
   * The descriptors that are stdio, and which stream each is (0 stdin, 1 stdout, 2 stderr): at
   * first 0, 1 and 2 themselves; `fd_renumber` and `fd_close` change it.
   */
  stdio: Map<number, 0 | 1 | 2>;
  /** The guest memory as a DataView (refreshed after growth). */
  view(): DataView;
  /** The guest memory as bytes (refreshed after growth). */
  bytes(): Uint8Array;
  /** Encoded `args`, each NUL-terminated. */
  args: Uint8Array[];
  /** Encoded `KEY=value` pairs, each NUL-terminated. */
  env: Uint8Array[];
  /** Reads up to `max` bytes of stdin. */
  readStdin(max: number): Uint8Array;
  /**
   * Sees an fd_write to a descriptor above 2 before its iovecs are read, with the raw arguments;
   * returns an errno to answer the call itself, or undefined to let it proceed.
   */
  rawWrite?: ((fd: number, iovs: number, count: number, nwritten: number) => number | undefined) | undefined;
  /**
   * Handles a write of `data` to stream 1 or 2, or to a descriptor above 2 when
   * {@linkcode WasiContext.writesElsewhere}; returns an errno or 0.
   */
  write(fd: number, data: Uint8Array): number;
  /** Whether writes to descriptors above 2 that are not files have a handler (else EBADF). */
  readonly writesElsewhere: boolean;
  /**
   * Room for `len` bytes of output to stdout or stderr: a fresh view that stays the caller's
   * (it may share its buffer with other output).
   */
  output(len: number): Uint8Array;
  /** Now, in nanoseconds, for clock `id` (0 realtime, 1 monotonic, 2/3 cputime). */
  now(id: number): bigint;
  /** Blocks (or advances the virtual clock) for `ns` nanoseconds. */
  sleep(ns: bigint): void;
  /** Fills `len` bytes of `into` from `at` with random bytes (seeded in deterministic mode). */
  random(into: Uint8Array, at: number, len: number): void;
}
