/**
 * Bounds-checked little-endian reads over a guest's linear memory.
 *
 * @module
 */
import { MemoryAccessError } from "./errors.ts";
import { keepShape } from "./_keep_shape.ts";

/** Whether this runtime has SharedArrayBuffer (a browser page that is not cross-origin isolated has not). */
const HAS_SAB = typeof SharedArrayBuffer !== "undefined";

const utf8 = new TextDecoder("utf-8");

/**
 * UTF-8 text of `length` bytes at `at` in `bytes` (which the caller has bounds-checked). Short
 * ASCII strings, most map keys, are made without a TextDecoder call. Never throws.
 */
export function utf8Text(bytes: Uint8Array, at: number, length: number): string {
  if (length <= 64) {
    let ascii = 0;
    for (let i = at; i < at + length; i++) ascii |= bytes[i]!;
    if (ascii < 0x80) {
      // one string made, not one per character
      const b = bytes;
      switch (length) {
        case 1:
          return String.fromCharCode(b[at]!);
        case 2:
          return String.fromCharCode(b[at]!, b[at + 1]!);
        case 3:
          return String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!);
        case 4:
          return String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);
        case 5:
          return String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!, b[at + 4]!);
        case 6:
          return String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!, b[at + 4]!, b[at + 5]!);
        case 7:
          return String.fromCharCode(
            b[at]!,
            b[at + 1]!,
            b[at + 2]!,
            b[at + 3]!,
            b[at + 4]!,
            b[at + 5]!,
            b[at + 6]!,
          );
        case 8:
          return String.fromCharCode(
            b[at]!,
            b[at + 1]!,
            b[at + 2]!,
            b[at + 3]!,
            b[at + 4]!,
            b[at + 5]!,
            b[at + 6]!,
            b[at + 7]!,
          );
        default:
          return String.fromCharCode.apply(null, b.subarray(at, at + length) as unknown as number[]);
      }
    }
  }
  return utf8.decode(bytes.subarray(at, at + length));
}

/** Where the bytes come from: a live `WebAssembly.Memory` (which may grow) or a fixed buffer. */
export type MemorySource = WebAssembly.Memory | ArrayBuffer | Uint8Array;

/**
 * Reads values out of linear memory. Every read is bounds-checked and throws a
 * {@linkcode MemoryAccessError} naming the address and the memory size; reads stay correct
 * after `memory.grow` replaces the underlying buffer. `ptrSize` is 4 for TinyGo (wasm32 pointers)
 * and 8 for Go (8-byte pointers whose upper half is zero on wasm).
 *
 * @example
 * ```ts
 * import { GuestMemory } from "@mapscope/mapscope";
 * const mem = new WebAssembly.Memory({ initial: 1 });
 * new DataView(mem.buffer).setUint32(16, 0xdeadbeef, true);
 * const g = new GuestMemory(mem, 4);
 * console.log(g.u32(16).toString(16)); // "deadbeef"
 * ```
 */
export class GuestMemory {
  /** Pointer width in bytes: 4 (TinyGo) or 8 (Go). */
  readonly ptrSize: 4 | 8;
  #source: MemorySource;
  #buffer: ArrayBuffer | SharedArrayBuffer;
  /** Whether `#buffer` is shared (it grows in place): decided once per buffer, not per read. */
  #shared = false;
  #view: DataView;
  #bytes: Uint8Array;

  /** Wraps `source`; `ptrSize` defaults to 4. */
  constructor(source: MemorySource, ptrSize: 4 | 8 = 4) {
    this.#source = source;
    this.ptrSize = ptrSize;
    const b = this.#currentBuffer();
    this.#buffer = b;
    this.#shared = HAS_SAB && b instanceof SharedArrayBuffer;
    this.#view = new DataView(b);
    this.#bytes = new Uint8Array(b);
  }

  #currentBuffer(): ArrayBuffer | SharedArrayBuffer {
    const s = this.#source;
    if (s instanceof Uint8Array) return s.buffer.slice(s.byteOffset, s.byteOffset + s.byteLength);
    if (s instanceof ArrayBuffer) return s;
    return s.buffer;
  }

  #refresh(): void {
    // A memory that grew detached its old buffer (byteLength 0): only then is the new one fetched,
    // as `memory.buffer` is a slow call. Shared memories grow in place, so they are always asked.
    // (the byte array's length, not the buffer's byteLength: V8 inlines the first, calls out for the second)
    if (this.#bytes.length !== 0 && !this.#shared) return;
    const s = this.#source;
    if (s instanceof Uint8Array || s instanceof ArrayBuffer) return;
    if (s.buffer !== this.#buffer) {
      this.#buffer = s.buffer;
      this.#shared = HAS_SAB && this.#buffer instanceof SharedArrayBuffer;
      this.#view = new DataView(this.#buffer);
      this.#bytes = new Uint8Array(this.#buffer);
    }
  }

  /**
   * Current size of linear memory in bytes.
   * Never throws.
   */
  get size(): number {
    this.#refresh();
    return this.#bytes.length;
  }

  /** Throws {@linkcode MemoryAccessError} unless `[address, address+length)` is inside memory. */
  check(address: number, length: number): void {
    this.#refresh();
    if (
      !Number.isInteger(address) || address < 0 || length < 0 || address + length > this.#bytes.length
    ) {
      throw new MemoryAccessError(address, length, this.#bytes.length);
    }
  }

  /**
   * True when `[address, address+length)` is inside memory.
   * Never throws.
   */
  contains(address: number, length = 1): boolean {
    this.#refresh();
    return Number.isInteger(address) && address >= 0 && length >= 0 &&
      address + length <= this.#bytes.length;
  }

  /**
   * Unsigned 8-bit value at `address`.
   * Throws {@linkcode MemoryAccessError} when the range is outside memory.
   */
  u8(address: number): number {
    this.check(address, 1);
    return this.#bytes[address];
  }
  /**
   * Signed 8-bit value at `address`.
   * Throws {@linkcode MemoryAccessError} when the range is outside memory.
   */
  i8(address: number): number {
    this.check(address, 1);
    return this.#view.getInt8(address);
  }
  /**
   * Unsigned 16-bit little-endian value at `address`.
   * Throws {@linkcode MemoryAccessError} when the range is outside memory.
   */
  u16(address: number): number {
    this.check(address, 2);
    return this.#view.getUint16(address, true);
  }
  /**
   * Signed 16-bit little-endian value at `address`.
   * Throws {@linkcode MemoryAccessError} when the range is outside memory.
   */
  i16(address: number): number {
    this.check(address, 2);
    return this.#view.getInt16(address, true);
  }
  /**
   * Unsigned 32-bit little-endian value at `address`.
   * Throws {@linkcode MemoryAccessError} when the range is outside memory.
   */
  u32(address: number): number {
    this.check(address, 4);
    return this.#view.getUint32(address, true);
  }
  /**
   * Signed 32-bit little-endian value at `address`.
   * Throws {@linkcode MemoryAccessError} when the range is outside memory.
   */
  i32(address: number): number {
    this.check(address, 4);
    return this.#view.getInt32(address, true);
  }
  /**
   * Unsigned 64-bit little-endian value at `address`, as a bigint.
   * Throws {@linkcode MemoryAccessError} when the range is outside memory.
   */
  u64(address: number): bigint {
    this.check(address, 8);
    return this.#view.getBigUint64(address, true);
  }
  /**
   * Signed 64-bit little-endian value at `address`, as a bigint.
   * Throws {@linkcode MemoryAccessError} when the range is outside memory.
   */
  i64(address: number): bigint {
    this.check(address, 8);
    return this.#view.getBigInt64(address, true);
  }
  /**
   * 32-bit float at `address`.
   * Throws {@linkcode MemoryAccessError} when the range is outside memory.
   */
  f32(address: number): number {
    this.check(address, 4);
    return this.#view.getFloat32(address, true);
  }
  /**
   * 64-bit float at `address`.
   * Throws {@linkcode MemoryAccessError} when the range is outside memory.
   */
  f64(address: number): number {
    this.check(address, 8);
    return this.#view.getFloat64(address, true);
  }
  /**
   * A pointer-sized value at `address` as a number. With 8-byte pointers the upper half must be
   * zero (wasm addresses are 32-bit); otherwise a {@linkcode MemoryAccessError} is thrown.
   * Throws {@linkcode MemoryAccessError} when the range is outside memory or the upper half is not zero.
   */
  ptr(address: number): number {
    if (this.ptrSize === 4) return this.u32(address);
    // two 32-bit reads, not a bigint made per pointer
    this.check(address, 8);
    if (this.#view.getUint32(address + 4, true) !== 0) throw new MemoryAccessError(address, 8, this.size);
    return this.#view.getUint32(address, true);
  }
  /**
   * `length` bytes at `address`, copied.
   * Throws {@linkcode MemoryAccessError} when the range is outside memory.
   */
  bytes(address: number, length: number): Uint8Array {
    this.check(address, length);
    return this.#bytes.slice(address, address + length);
  }
  /**
   * A view (not a copy) of `length` bytes at `address`; valid until memory grows.
   * Throws {@linkcode MemoryAccessError} when the range is outside memory.
   */
  view(address: number, length: number): Uint8Array {
    this.check(address, length);
    return this.#bytes.subarray(address, address + length);
  }
  /**
   * UTF-8 text of `length` bytes at `address`.
   * Throws {@linkcode MemoryAccessError} when the range is outside memory.
   */
  text(address: number, length: number): string {
    this.check(address, length);
    return utf8Text(this.#bytes, address, length);
  }

  /**
   * NUL-terminated text starting at `address`, at most `max` bytes.
   * Throws {@linkcode MemoryAccessError} when `address` is outside memory.
   */
  cstring(address: number, max = 4096): string {
    this.check(address, 1);
    const end = Math.min(this.#bytes.length, address + max);
    let i = address;
    while (i < end && this.#bytes[i] !== 0) i++;
    return utf8.decode(this.#bytes.subarray(address, i));
  }
  /**
   * The DataView over current memory (refreshed after growth), for hot loops.
   * Never throws.
   */
  dataView(): DataView {
    this.#refresh();
    return this.#view;
  }
  /**
   * The byte array over current memory (refreshed after growth), for hot loops.
   * Never throws.
   */
  u8array(): Uint8Array {
    this.#refresh();
    return this.#bytes;
  }
}

// one kept, so that the shape of its objects outlives every run (see _keep_shape.ts)
keepShape(new GuestMemory(new ArrayBuffer(8), 8));
