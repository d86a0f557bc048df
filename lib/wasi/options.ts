/**
 * The options of a `WasiHost`: what the guest is given (args, env, stdin, directories),
 * deterministic mode, and where its output and other writes go.
 *
 * @module
 */
import type { MemoryDir } from "./memfs.ts";

/**
 * Settings of deterministic mode.
 *
 * @example
 * ```ts
 * import { type DeterministicOptions, WasiHost } from "@mapscope/mapscope/wasi";
 * const deterministic: DeterministicOptions = { seed: 7, clockStepNs: 1_000_000n };
 * console.log(typeof new WasiHost({ deterministic }).imports.wasi_snapshot_preview1.clock_time_get); // function
 * ```
 */
export interface DeterministicOptions {
  /** Seed of `random_get` (default 1). */
  seed?: number;
  /** Start of the virtual clock in nanoseconds (default 2024-01-01T00:00:00Z). */
  clockStartNs?: bigint;
  /** Nanoseconds the virtual clock advances on every read (default 1000). */
  clockStepNs?: bigint;
}

/**
 * Options of a `WasiHost`.
 *
 * @example
 * ```ts
 * import { WasiHost, type WasiHostOptions } from "@mapscope/mapscope";
 * const opts: WasiHostOptions = { args: ["hello"], env: { A: "1" }, deterministic: true, preopens: { "/data": { "a.txt": "hi" } } };
 * const host = new WasiHost(opts);
 * const { instance } = await WebAssembly.instantiate(await Deno.readFile("go-targets/dist/tinygo-0.41.0/hello.wasm"), host.imports);
 * console.log(host.start(instance)); // 0
 * ```
 */
export interface WasiHostOptions {
  /** argv, including argv[0] (default `["main.wasm"]`). */
  args?: string[];
  /** The environment; nothing from the host process is passed unless given here. */
  env?: Record<string, string>;
  /** Bytes (or text) the guest reads from stdin. */
  stdin?: Uint8Array | string;
  /**
   * In-memory directories the guest may use, by guest path (`{ "/data": { "a.txt": "hi" } }`),
   * preopened as descriptors 3, 4, ...; without them the guest has no filesystem at all.
   */
  preopens?: Record<string, MemoryDir>;
  /** Fixed clock and seeded random bytes: `true` or settings. */
  deterministic?: boolean | DeterministicOptions;
  /**
   * Called with every chunk written to stdout, as it is written. The chunk is the caller's to
   * keep, but a view that may share its buffer with other output: copy it (`slice`) before
   * sending it elsewhere or reading its `buffer`.
   */
  onStdout?: (chunk: Uint8Array) => void;
  /** Called with every chunk written to stderr, as it is written (a view, as for `onStdout`). */
  onStderr?: (chunk: Uint8Array) => void;
  /**
   * Called for a write to any descriptor other than 1 and 2; return an errno (0 for success).
   * Without it such writes get EBADF.
   */
  onOtherWrite?: (fd: number, data: Uint8Array) => number;
  /**
   * Sees the raw arguments of an fd_write to a descriptor above 2 before anything is read;
   * return an errno to answer it, or undefined to treat it as an ordinary write.
   */
  onRawWrite?: (fd: number, iovs: number, count: number, nwritten: number) => number | undefined;
  /**
   * A `performance.now()` time after which a real-clock sleep (`poll_oneoff`) throws
   * {@linkcode InterruptSignal} instead of blocking on.
   */
  deadline?: number;
}
