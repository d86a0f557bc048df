/**
 * mapscope's WASI preview1 host: all 46 functions, no dependency, the same in Deno, Bun, Node and
 * browsers. Output is captured; args and env are exactly what the caller gives; deterministic
 * mode fixes the clock and seeds `random_get` so two runs of a module are identical.
 *
 * @module
 */
import { argsImports } from "./args.ts";
import { clockImports } from "./clock.ts";
import type { WasiContext, WasiFunction } from "./context.ts";
import { Errno } from "./errno.ts";
import { fdImports } from "./fd.ts";
import { pathImports } from "./path.ts";
import { pollImports } from "./poll.ts";
import { MemFs, type MemoryDir } from "./memfs.ts";
import { ExitSignal, InterruptSignal, procImports } from "./proc.ts";
import { sockImports } from "./sock.ts";
import { ModuleError } from "../errors.ts";
import type { CapturedStream } from "../model/result.ts";
export type { CapturedStream };

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
 * Options of a {@linkcode WasiHost}.
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
  /** Called with every chunk written to stdout, as it is written. */
  onStdout?: (chunk: Uint8Array) => void;
  /** Called with every chunk written to stderr, as it is written. */
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

const enc = new TextEncoder();
/** Whether this runtime has SharedArrayBuffer (a browser page not cross-origin isolated has not). */
const HAS_SAB = typeof SharedArrayBuffer !== "undefined";
const DEFAULT_CLOCK_START = 1704067200n * 1_000_000_000n;

function sleepReal(ns: bigint): void {
  const ms = Number(ns / 1_000_000n);
  if (ms <= 0) return;
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  } catch {
    const end = Date.now() + ms;
    while (Date.now() < end) { /* no Atomics.wait here (browser main thread): spin */ }
  }
}

/** Parameters of each preview1 function (wasi_snapshot_preview1.witx): the arity of its import. */
const ARITY: Readonly<Record<string, number>> = {
  args_get: 2,
  args_sizes_get: 2,
  environ_get: 2,
  environ_sizes_get: 2,
  clock_res_get: 2,
  clock_time_get: 3,
  fd_advise: 4,
  fd_allocate: 3,
  fd_close: 1,
  fd_datasync: 1,
  fd_fdstat_get: 2,
  fd_fdstat_set_flags: 2,
  fd_fdstat_set_rights: 3,
  fd_filestat_get: 2,
  fd_filestat_set_size: 2,
  fd_filestat_set_times: 4,
  fd_pread: 5,
  fd_prestat_get: 2,
  fd_prestat_dir_name: 3,
  fd_pwrite: 5,
  fd_read: 4,
  fd_readdir: 5,
  fd_renumber: 2,
  fd_seek: 4,
  fd_sync: 1,
  fd_tell: 2,
  fd_write: 4,
  path_create_directory: 3,
  path_filestat_get: 5,
  path_filestat_set_times: 7,
  path_link: 7,
  path_open: 9,
  path_readlink: 6,
  path_remove_directory: 3,
  path_rename: 6,
  path_symlink: 5,
  path_unlink_file: 3,
  poll_oneoff: 4,
  proc_exit: 1,
  proc_raise: 1,
  random_get: 2,
  sched_yield: 0,
  sock_accept: 3,
  sock_recv: 6,
  sock_send: 5,
  sock_shutdown: 2,
};

type Arg = number | bigint;
/** An i32 argument read unsigned (a pointer at or above 2 GiB arrives negative); i64s as they are. */
const u = (a: Arg): Arg => (typeof a === "number" ? a >>> 0 : a);

/** What a call that threw answers: EFAULT for a guest range outside memory; anything else is rethrown. */
function fault(e: unknown): number {
  // typed arrays and DataViews throw RangeError for a range outside memory (and for lengths no
  // array can have); a host stack overflow is not the guest's pointer and stays a trap
  if (e instanceof RangeError && !/call stack/i.test(e.message)) return Errno.EFAULT;
  throw e;
}

/**
 * A WASI function as the guest calls it: every i32 argument read as unsigned, and a guest pointer
 * or length outside memory answered with EFAULT instead of an exception escaping into the guest.
 * The wrapper declares exactly the function's parameters, so the engine calls it from wasm
 * without adapting arguments.
 */
function guarded(f: WasiFunction, arity: number): WasiFunction {
  switch (arity) {
    case 0:
      return () => {
        try {
          return f();
        } catch (e) {
          return fault(e);
        }
      };
    case 1:
      return (a: Arg) => {
        try {
          return f(u(a));
        } catch (e) {
          return fault(e);
        }
      };
    case 2:
      return (a: Arg, b: Arg) => {
        try {
          return f(u(a), u(b));
        } catch (e) {
          return fault(e);
        }
      };
    case 3:
      return (a: Arg, b: Arg, c: Arg) => {
        try {
          return f(u(a), u(b), u(c));
        } catch (e) {
          return fault(e);
        }
      };
    case 4:
      return (a: Arg, b: Arg, c: Arg, d: Arg) => {
        try {
          return f(u(a), u(b), u(c), u(d));
        } catch (e) {
          return fault(e);
        }
      };
    case 5:
      return (a: Arg, b: Arg, c: Arg, d: Arg, e: Arg) => {
        try {
          return f(u(a), u(b), u(c), u(d), u(e));
        } catch (x) {
          return fault(x);
        }
      };
    case 6:
      return (a: Arg, b: Arg, c: Arg, d: Arg, e: Arg, g: Arg) => {
        try {
          return f(u(a), u(b), u(c), u(d), u(e), u(g));
        } catch (x) {
          return fault(x);
        }
      };
    case 7:
      return (a: Arg, b: Arg, c: Arg, d: Arg, e: Arg, g: Arg, h: Arg) => {
        try {
          return f(u(a), u(b), u(c), u(d), u(e), u(g), u(h));
        } catch (x) {
          return fault(x);
        }
      };
    default:
      return (a: Arg, b: Arg, c: Arg, d: Arg, e: Arg, g: Arg, h: Arg, i: Arg, j: Arg) => {
        try {
          return f(u(a), u(b), u(c), u(d), u(e), u(g), u(h), u(i), u(j));
        } catch (x) {
          return fault(x);
        }
      };
  }
}

/**
 * The generator behind deterministic `random_get`: xorshift32 from `seed ^ 0x9e3779b9`, one byte
 * per step. Exported so other hosts can be given the same bytes in cross-checks.
 * Never throws.
 *
 * @example
 * ```ts
 * import { deterministicRandom } from "@mapscope/mapscope/wasi";
 * const fill = deterministicRandom(1);
 * const a = new Uint8Array(4);
 * fill(a);
 * console.log(a);
 * ```
 */
export function deterministicRandom(seed: number): (out: Uint8Array) => void {
  let s = (seed ^ 0x9e3779b9) >>> 0 || 1;
  return (out) => {
    for (let i = 0; i < out.length; i++) {
      s ^= s << 13;
      s >>>= 0;
      s ^= s >>> 17;
      s ^= s << 5;
      s >>>= 0;
      out[i] = s & 0xff;
    }
  };
}

/**
 * A WASI preview1 host. Give `imports` to `WebAssembly.instantiate`, then call `start`.
 *
 * @example
 * ```ts
 * import { WasiHost } from "@mapscope/mapscope";
 * const bytes = await Deno.readFile("go-targets/dist/tinygo-0.41.0/hello.wasm");
 * const host = new WasiHost({ args: ["hello"], deterministic: true });
 * const { instance } = await WebAssembly.instantiate(bytes, host.imports);
 * const code = host.start(instance);
 * console.log(code, host.stdout().lines[0]);
 * ```
 */
export class WasiHost {
  /** The import object: `{ wasi_snapshot_preview1: {...46 functions} }`. */
  readonly imports: { wasi_snapshot_preview1: Record<string, WasiFunction> };
  #memory?: WebAssembly.Memory;
  #buffer: ArrayBuffer | SharedArrayBuffer | undefined;
  #view?: DataView;
  #bytes?: Uint8Array;
  #shared = false;
  #out: Uint8Array[] = [];
  #err: Uint8Array[] = [];
  #stdin: Uint8Array;
  #stdinPos = 0;
  #opts: WasiHostOptions;
  #virtualNs?: bigint;
  #stepNs = 0n;
  #start = performance.now();

  /** Creates a host; see {@linkcode WasiHostOptions}. */
  constructor(options: WasiHostOptions = {}) {
    this.#opts = options;
    this.#stdin = typeof options.stdin === "string"
      ? enc.encode(options.stdin)
      : options.stdin ?? new Uint8Array();
    const det = options.deterministic;
    let random = (out: Uint8Array): void => {
      crypto.getRandomValues(out);
    };
    if (det) {
      const d = det === true ? {} : det;
      this.#virtualNs = d.clockStartNs ?? DEFAULT_CLOCK_START;
      this.#stepNs = d.clockStepNs ?? 1000n;
      random = deterministicRandom(d.seed ?? 1);
    }
    const nul = (s: string) => enc.encode(s + "\0");
    const ctx: WasiContext = {
      view: () => this.#dataView(),
      bytes: () => this.#u8(),
      args: (options.args ?? ["main.wasm"]).map(nul),
      env: Object.entries(options.env ?? {}).map(([k, v]) => nul(`${k}=${v}`)),
      readStdin: (max) => {
        const chunk = this.#stdin.subarray(this.#stdinPos, this.#stdinPos + max);
        this.#stdinPos += chunk.length;
        return chunk;
      },
      write: (fd, data) => this.#write(fd, data),
      rawWrite: options.onRawWrite,
      fs: options.preopens ? new MemFs(options.preopens, () => this.#now(0)) : undefined,
      stdio: new Map([[0, 0], [1, 1], [2, 2]]),
      now: (id) => this.#now(id),
      sleep: (ns) => {
        if (this.#virtualNs !== undefined) this.#virtualNs += ns;
        else {
          const deadline = options.deadline;
          if (deadline === undefined) return sleepReal(ns);
          // Sleep at most until the deadline; past it, the guest is interrupted.
          const left = deadline - performance.now();
          if (left <= 0) throw new InterruptSignal();
          const ms = Number(ns / 1_000_000n);
          sleepReal(BigInt(Math.ceil(Math.min(ms, left))) * 1_000_000n);
          if (ms >= left) throw new InterruptSignal();
        }
      },
      random: (out) => {
        for (let i = 0; i < out.length; i += 65536) random(out.subarray(i, i + 65536));
      },
    };
    const groups = [
      argsImports(ctx),
      clockImports(ctx),
      fdImports(ctx),
      pathImports(ctx),
      pollImports(ctx),
      procImports(),
      sockImports(ctx),
    ];
    // Added one by one in the same order every time, the object keeps one shape across hosts.
    const functions: Record<string, WasiFunction> = {};
    for (const g of groups) {
      for (const name of Object.keys(g)) functions[name] = guarded(g[name]!, ARITY[name] ?? 9);
    }
    this.imports = { wasi_snapshot_preview1: functions };
  }

  /**
   * Brings the views up to date with the guest's memory. `memory.buffer` is a slow call: it is
   * made only when the old buffer was detached by a growth (byteLength 0), or for a shared memory
   * (which grows in place).
   */
  #refresh(): void {
    const m = this.#memory;
    if (!m) throw new Error("WasiHost: no memory bound; call start() or bind() first");
    const b = this.#buffer;
    if (b !== undefined && b.byteLength !== 0 && !this.#shared) return;
    if (m.buffer !== b) {
      this.#buffer = m.buffer;
      this.#shared = HAS_SAB && this.#buffer instanceof SharedArrayBuffer;
      this.#view = new DataView(m.buffer);
      this.#bytes = new Uint8Array(m.buffer);
    }
  }

  #dataView(): DataView {
    this.#refresh();
    return this.#view!;
  }

  #u8(): Uint8Array {
    this.#refresh();
    return this.#bytes!;
  }

  #now(id: number): bigint {
    if (this.#virtualNs !== undefined) {
      this.#virtualNs += this.#stepNs;
      return this.#virtualNs;
    }
    if (id === 0) return BigInt(Date.now()) * 1_000_000n;
    return BigInt(Math.round((performance.now() - this.#start) * 1e6));
  }

  #write(fd: number, data: Uint8Array): number {
    if (fd === 1) {
      this.#out.push(data);
      this.#opts.onStdout?.(data);
      return Errno.SUCCESS;
    }
    if (fd === 2) {
      this.#err.push(data);
      this.#opts.onStderr?.(data);
      return Errno.SUCCESS;
    }
    return this.#opts.onOtherWrite ? this.#opts.onOtherWrite(fd, data) : Errno.EBADF;
  }

  /**
   * Binds the guest's exported memory (done by `start`; call it yourself to run `_initialize`).
   * Never throws.
   */
  bind(memory: WebAssembly.Memory): void {
    this.#memory = memory;
    this.#buffer = undefined;
  }

  /**
   * Runs the guest's `_start` and returns its exit code (0 when `_start` returns). A trap is
   * rethrown as the `WebAssembly.RuntimeError` (or `RangeError` for stack overflow) it is.
   * Throws {@linkcode ModuleError} when the instance exports no memory or no `_start`; a trap of the guest
   * is rethrown as the engine's `WebAssembly.RuntimeError`, and `proc_exit` is the returned code.
   */
  start(instance: WebAssembly.Instance): number {
    const memory = instance.exports.memory;
    if (!(memory instanceof WebAssembly.Memory)) throw new ModuleError("the module exports no memory");
    this.bind(memory);
    const start = instance.exports._start;
    if (typeof start !== "function") {
      throw new ModuleError("the module exports no _start function: it is not a WASI command");
    }
    try {
      start();
      return 0;
    } catch (e) {
      if (e instanceof ExitSignal) return e.code;
      throw e;
    }
  }

  /**
   * Everything written to stdout so far.
   * Never throws.
   */
  stdout(): CapturedStream {
    return captured(this.#out);
  }

  /**
   * Everything written to stderr so far.
   * Never throws.
   */
  stderr(): CapturedStream {
    return captured(this.#err);
  }
}

function captured(chunks: Uint8Array[]): CapturedStream {
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  const text = new TextDecoder().decode(bytes);
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return { bytes, text, lines };
}
