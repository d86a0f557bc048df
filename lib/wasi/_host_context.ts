/**
 * The state behind one {@linkcode WasiHost}'s functions: the guest memory's views, stdio and its
 * captured output, stdin, the clock, random bytes. One object of one class per host, so making a
 * host makes no closures for it.
 *
 * @module
 */
import { utf8 } from "./_utf8.ts";
import { copyBytes } from "./_copy.ts";
import type { WasiContext } from "./context.ts";
import { Errno } from "./errno.ts";
import { MemFs } from "./memfs.ts";
import type { WasiHostOptions } from "./options.ts";
import { InterruptSignal } from "./proc.ts";

const HAS_SAB = typeof SharedArrayBuffer !== "undefined";

/** Blocks the thread for `ns` nanoseconds (Atomics.wait, or a spin where that is not allowed). */
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

/** Bytes of captured output per arena chunk; a write of more than a quarter gets its own buffer. */
const OUTPUT_CHUNK = 16384;
let arena = new Uint8Array(OUTPUT_CHUNK);
let arenaPos = 0;

/**
 * Room for `len` bytes of output, in an append-only arena all hosts share: no two views overlap,
 * and a view keeps only its chunk alive. A write then costs no buffer of its own (a `slice` of the
 * guest's memory made one ArrayBuffer per write, about 0.8 µs), and a host makes no buffer
 * either: a fresh one's first write costs a page fault, about 10 µs here (#15).
 */
function outputRoom(len: number): Uint8Array {
  if (len > OUTPUT_CHUNK / 4) return new Uint8Array(len);
  if (arenaPos + len > OUTPUT_CHUNK) {
    arena = new Uint8Array(OUTPUT_CHUNK);
    arenaPos = 0;
  }
  const at = arenaPos;
  arenaPos = at + len;
  return arena.subarray(at, at + len);
}

/** Random bytes kept from one `crypto.getRandomValues` call, for requests up to a quarter of it. */
const POOL_SIZE = 4096;
const pool = new Uint8Array(POOL_SIZE);
let poolPos = POOL_SIZE;

/**
 * Fills `len` bytes of `into` from `at` with bytes from the system's CSPRNG. Small requests are
 * served from a pool filled by one `crypto.getRandomValues` call (each byte given out once): made
 * once per run, as a guest makes it, that call cost about 10 µs in Deno, a copy from the pool
 * well under 1 µs (#15; a loop: see `copyBytes`).
 */
function systemRandom(into: Uint8Array, at: number, len: number): void {
  if (len <= POOL_SIZE / 4) {
    if (poolPos + len > POOL_SIZE) {
      crypto.getRandomValues(pool);
      poolPos = 0;
    }
    copyBytes(into, at, pool, poolPos, len);
    poolPos += len;
    return;
  }
  // getRandomValues takes at most 65,536 bytes at a time
  for (let i = 0; i < len; i += 65536) {
    crypto.getRandomValues(into.subarray(at + i, at + Math.min(len, i + 65536)));
  }
}

/** Descriptors 0, 1 and 2 as themselves (set one by one: a Map made from an iterable is slower). */
function stdioMap(): Map<number, 0 | 1 | 2> {
  const m = new Map<number, 0 | 1 | 2>();
  m.set(0, 0);
  m.set(1, 1);
  m.set(2, 2);
  return m;
}

/** `s` and a NUL as UTF-8; short ASCII without a call into the encoder (which costs about 1 µs). */
function nulTerminated(s: string): Uint8Array {
  if (s.length < 64) {
    const out = new Uint8Array(s.length + 1);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) return utf8.encode(s + "\0");
      out[i] = c;
    }
    return out;
  }
  return utf8.encode(s + "\0");
}

/** The {@linkcode WasiContext} of one host. */
export class HostContext implements WasiContext {
  readonly fs: MemFs | undefined;
  readonly stdio: Map<number, 0 | 1 | 2> = stdioMap();
  readonly args: Uint8Array[];
  readonly env: Uint8Array[];
  readonly rawWrite: WasiHostOptions["onRawWrite"];
  readonly writesElsewhere: boolean;
  /** Chunks written to stdout, in order. */
  readonly out: Uint8Array[] = [];
  /** Chunks written to stderr, in order. */
  readonly err: Uint8Array[] = [];
  // the options' callbacks, each in a field of its own: a host made by `run` passes an options
  // object of another shape than one made directly, and reading callbacks off it made those loads
  // polymorphic in every host of the process
  #onStdout: ((chunk: Uint8Array) => void) | undefined;
  #onStderr: ((chunk: Uint8Array) => void) | undefined;
  #onOtherWrite: ((fd: number, data: Uint8Array) => number) | undefined;
  #deadline: number | undefined;
  #memory: WebAssembly.Memory | undefined;
  #buffer: ArrayBuffer | SharedArrayBuffer | undefined;
  #view: DataView | undefined;
  #bytes: Uint8Array | undefined;
  #shared = false;
  #stdin: Uint8Array;
  #stdinPos = 0;
  #virtualNs: bigint | undefined;
  #stepNs = 0n;
  #start = performance.now();
  #seeded: ((out: Uint8Array) => void) | undefined;

  /**
   * A context for `options`; `clock` and `seeded` are the deterministic mode's virtual clock
   * (start and step) and byte generator, undefined for real time and the system's random bytes.
   */
  constructor(
    options: WasiHostOptions,
    clock: { startNs: bigint; stepNs: bigint } | undefined,
    seeded: ((out: Uint8Array) => void) | undefined,
  ) {
    this.#onStdout = options.onStdout;
    this.#onStderr = options.onStderr;
    this.#onOtherWrite = options.onOtherWrite;
    this.#deadline = options.deadline;
    const stdin = options.stdin;
    this.#stdin = typeof stdin === "string" ? utf8.encode(stdin) : stdin ?? new Uint8Array();
    this.args = (options.args ?? ["main.wasm"]).map(nulTerminated);
    const env = options.env;
    this.env = env ? Object.entries(env).map(([k, v]) => nulTerminated(`${k}=${v}`)) : [];
    this.fs = options.preopens ? new MemFs(options.preopens, () => this.now(0)) : undefined;
    this.rawWrite = options.onRawWrite;
    this.writesElsewhere = options.onOtherWrite !== undefined;
    if (clock) {
      this.#virtualNs = clock.startNs;
      this.#stepNs = clock.stepNs;
    }
    this.#seeded = seeded;
  }

  /** Binds the guest's memory; the views are made on the first access. */
  bind(memory: WebAssembly.Memory): void {
    this.#memory = memory;
    this.#buffer = undefined;
  }

  /**
   * The guest memory's buffer, current. `memory.buffer` is a slow call: it is made only when the
   * old buffer was detached by a growth (byteLength 0), or for a shared memory (which grows in
   * place). The views over it are made when first asked for: a growth detaches both, and most
   * calls use one.
   */
  #current(): ArrayBuffer | SharedArrayBuffer {
    const b = this.#buffer;
    if (b !== undefined && b.byteLength !== 0 && !this.#shared) return b;
    const m = this.#memory;
    if (!m) throw new Error("WasiHost: no memory bound; call start() or bind() first");
    const buffer = m.buffer;
    if (buffer !== b) {
      this.#buffer = buffer;
      this.#shared = HAS_SAB && buffer instanceof SharedArrayBuffer;
      this.#view = undefined;
      this.#bytes = undefined;
    }
    return buffer;
  }

  /** The guest memory as a DataView. */
  view(): DataView {
    const buffer = this.#current();
    return this.#view ??= new DataView(buffer);
  }

  /** The guest memory as bytes. */
  bytes(): Uint8Array {
    const buffer = this.#current();
    return this.#bytes ??= new Uint8Array(buffer);
  }

  /** Up to `max` bytes of stdin. */
  readStdin(max: number): Uint8Array {
    const chunk = this.#stdin.subarray(this.#stdinPos, this.#stdinPos + max);
    this.#stdinPos += chunk.length;
    return chunk;
  }

  /** Room for `len` bytes of output (see `outputRoom`). */
  output(len: number): Uint8Array {
    return outputRoom(len);
  }

  /** Stdout and stderr are kept and passed on; other descriptors go to the other-write handler. */
  write(fd: number, data: Uint8Array): number {
    if (fd === 1) {
      this.out.push(data);
      this.#onStdout?.(data);
      return Errno.SUCCESS;
    }
    if (fd === 2) {
      this.err.push(data);
      this.#onStderr?.(data);
      return Errno.SUCCESS;
    }
    const other = this.#onOtherWrite;
    return other ? other(fd, data) : Errno.EBADF;
  }

  /** Now on clock `id`: virtual, or real (0 realtime, others since the host was made). */
  now(id: number): bigint {
    if (this.#virtualNs !== undefined) {
      this.#virtualNs += this.#stepNs;
      return this.#virtualNs;
    }
    if (id === 0) return BigInt(Date.now()) * 1_000_000n;
    return BigInt(Math.round((performance.now() - this.#start) * 1e6));
  }

  /** Advances the virtual clock, or sleeps, at most until the deadline (then interrupts). */
  sleep(ns: bigint): void {
    if (this.#virtualNs !== undefined) {
      this.#virtualNs += ns;
      return;
    }
    const deadline = this.#deadline;
    if (deadline === undefined) return sleepReal(ns);
    // Sleep at most until the deadline; past it, the guest is interrupted.
    const left = deadline - performance.now();
    if (left <= 0) throw new InterruptSignal();
    const ms = Number(ns / 1_000_000n);
    sleepReal(BigInt(Math.ceil(Math.min(ms, left))) * 1_000_000n);
    if (ms >= left) throw new InterruptSignal();
  }

  /** Random bytes: seeded in deterministic mode, else the system's. */
  random(into: Uint8Array, at: number, len: number): void {
    const seeded = this.#seeded;
    if (seeded === undefined) return systemRandom(into, at, len);
    // one stream of bytes: no limit per call, as getRandomValues has
    seeded(into.subarray(at, at + len));
  }
}
