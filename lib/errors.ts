/**
 * Typed errors raised by mapscope. Every error mapscope throws on bad input is a
 * {@linkcode MapscopeError}, so callers can tell it from a bug.
 *
 * @module
 */

/**
 * Base class of every error mapscope raises on bad input.
 *
 * @example
 * ```ts
 * import { MapscopeError, run } from "@mapscope/mapscope";
 * try {
 *   await run(new Uint8Array([1, 2, 3]));
 * } catch (e) {
 *   if (e instanceof MapscopeError) console.error(e.message);
 * }
 * ```
 */
export class MapscopeError extends Error {
  /** Creates the error with a message that says what is wrong. */
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * The bytes are not a usable WebAssembly module: not wasm, truncated, or importing something
 * mapscope cannot supply.
 *
 * @example
 * ```ts
 * import { ModuleError } from "@mapscope/mapscope";
 * const e = new ModuleError("not a WebAssembly module: bad magic");
 * console.log(e.name); // "ModuleError"
 * ```
 */
export class ModuleError extends MapscopeError {}

/**
 * A read outside linear memory: names the address, the length and the memory size.
 *
 * @example
 * ```ts
 * import { MemoryAccessError } from "@mapscope/mapscope";
 * const e = new MemoryAccessError(0xfffffff0, 8, 65536);
 * console.log(e.address, e.memorySize);
 * ```
 */
export class MemoryAccessError extends MapscopeError {
  /** The first byte that was to be read. */
  readonly address: number;
  /** How many bytes were to be read. */
  readonly length: number;
  /** The size of linear memory at the time of the read. */
  readonly memorySize: number;
  /** Creates the error for a read of `length` bytes at `address`. */
  constructor(address: number, length: number, memorySize: number) {
    super(
      `address 0x${address.toString(16)} (+${length} bytes) is outside linear memory of ${memorySize} bytes`,
    );
    this.address = address;
    this.length = length;
    this.memorySize = memorySize;
  }
}

/**
 * The module was built by a toolchain (or version) whose map layout mapscope does not know.
 *
 * @example
 * ```ts
 * import { UnknownToolchainError } from "@mapscope/mapscope";
 * const e = new UnknownToolchainError("go1.21.0");
 * console.log(e.toolchain); // "go1.21.0"
 * ```
 */
export class UnknownToolchainError extends MapscopeError {
  /** The toolchain or version that was found or asked for. */
  readonly toolchain: string;
  /** Creates the error naming the toolchain. */
  constructor(toolchain: string, detail = "") {
    super(
      `unknown toolchain ${JSON.stringify(toolchain)}: mapscope has map layouts for TinyGo 0.41.x, ` +
        "go1.26.x and go1.27.x (with or without GOEXPERIMENT=mapsplitgroup)" + (detail ? ` (${detail})` : ""),
    );
    this.toolchain = toolchain;
  }
}

/**
 * What is at an address is not a consistent map: a header whose fields cannot be right, a
 * bucket chain with a cycle, a pointer out of memory, or entries that do not match `len`.
 *
 * @example
 * ```ts
 * import { CorruptMapError } from "@mapscope/mapscope";
 * const e = new CorruptMapError(0x1000, "bucket chain has a cycle");
 * console.log(e.message);
 * ```
 */
export class CorruptMapError extends MapscopeError {
  /** Address of the map header that was being read. */
  readonly address: number;
  /** Creates the error for the map at `address`. */
  constructor(address: number, reason: string) {
    super(`no consistent map at 0x${address.toString(16)}: ${reason}`);
    this.address = address;
  }
}

/**
 * A Go type expression (as given to `--map ADDR=TYPE`) that mapscope cannot parse or lay out.
 *
 * @example
 * ```ts
 * import { TypeExpressionError } from "@mapscope/mapscope";
 * console.log(new TypeExpressionError("map[", "unexpected end").message);
 * ```
 */
export class TypeExpressionError extends MapscopeError {
  /** Creates the error for `expression`. */
  constructor(expression: string, reason: string) {
    super(`cannot use Go type ${JSON.stringify(expression)}: ${reason}`);
  }
}

/**
 * The guest ran longer than the `timeoutMs` given to `run` and was stopped.
 *
 * @example
 * ```ts
 * import { TimeoutError } from "@mapscope/mapscope";
 * console.log(new TimeoutError(50).timeoutMs); // 50
 * ```
 */
export class TimeoutError extends MapscopeError {
  /** The limit that was exceeded, in milliseconds. */
  readonly timeoutMs: number;
  /** Creates the error for the given limit. */
  constructor(timeoutMs: number) {
    super(`the guest ran longer than ${timeoutMs} ms and was stopped`);
    this.timeoutMs = timeoutMs;
  }
}

/**
 * Decoding ran out of its byte budget (a corrupted length, a huge array or string): what was
 * decoded so far is kept where the caller can (a snapshot is marked `truncated`).
 *
 * @example
 * ```ts
 * import { DecodeBudgetError } from "@mapscope/mapscope";
 * console.log(new DecodeBudgetError().message); // "the decode budget ran out"
 * ```
 */
export class DecodeBudgetError extends MapscopeError {
  /** Creates the error. */
  constructor() {
    super("the decode budget ran out");
  }
}

/**
 * A toolchain was given for a module whose producers section names another one: reading it with
 * the given layout would read garbage. Pass `forceToolchain` (`--force-toolchain`) to insist.
 *
 * @example
 * ```ts
 * import { ToolchainMismatchError } from "@mapscope/mapscope";
 * const e = new ToolchainMismatchError("go1.26.8", "go1.27.3-mapsplitgroup");
 * console.log(e.given, e.found);
 * ```
 */
export class ToolchainMismatchError extends MapscopeError {
  /** The toolchain that was asked for. */
  readonly given: string;
  /** The toolchain the module names. */
  readonly found: string;
  /** Creates the error. */
  constructor(given: string, found: string) {
    super(
      `the module says it was built by ${found}, not ${given}: reading it with the ${given} layout needs ` +
        "forceToolchain (--force-toolchain)",
    );
    this.given = given;
    this.found = found;
  }
}
