/**
 * A small WebAssembly binary reader: sections, imports, the element section (function table) and
 * the name section. Enough to name functions, resolve table indexes and detect the toolchain.
 *
 * @module
 */
import { ModuleError } from "../errors.ts";
import { utf8Text } from "../memory.ts";
import { decodeS32, decodeU32 } from "./_leb128.ts";
import { keepShape } from "../_keep_shape.ts";

/**
 * One section of a module.
 *
 * @example
 * ```ts
 * import { parseModule } from "@mapscope/mapscope/wasm";
 * const info = parseModule(await Deno.readFile("go-targets/dist/go1.26.8/hello.wasm"));
 * console.log(info.sections.map((s) => s.name || s.id).join(" "));
 * ```
 */
export interface Section {
  /** Section id (0 = custom). */
  id: number;
  /** Name of a custom section, else "". */
  name: string;
  /** Offset of the section's content (after id, size and a custom section's name). */
  start: number;
  /** Offset just past the section. */
  end: number;
}

/**
 * An import of a module.
 *
 * @example
 * ```ts
 * import { parseModule } from "@mapscope/mapscope/wasm";
 * const info = parseModule(await Deno.readFile("go-targets/dist/go1.26.8/hello.wasm"));
 * console.log(info.imports.map((i) => `${i.module}.${i.name}`));
 * ```
 */
export interface Import {
  /** Module name, such as `wasi_snapshot_preview1`. */
  module: string;
  /** Field name, such as `fd_write`. */
  name: string;
  /** 0 function, 1 table, 2 memory, 3 global. */
  kind: number;
}

/**
 * What mapscope reads from a module's bytes.
 *
 * @example
 * ```ts
 * import { parseModule } from "@mapscope/mapscope/wasm";
 * const info = parseModule(await Deno.readFile("go-targets/dist/tinygo-0.41.0/hello.wasm"));
 * console.log(info.importedFunctions, info.functionNames.size > 0, info.custom.has("producers")); // 8 true true
 * ```
 */
export interface ModuleInfo {
  /** All sections in order. */
  sections: Section[];
  /** All imports in order. */
  imports: Import[];
  /** Number of imported functions (function indexes below it are imports). */
  importedFunctions: number;
  /** Function index to name, from the name section (empty when there is none). */
  functionNames: Map<number, string>;
  /** Table 0 slot to function index, from active element segments with constant offsets. */
  table: Map<number, number>;
  /** Custom sections by name, their contents. */
  custom: Map<string, Uint8Array>;
  /** The type section: parameter and result value types (0x7f i32, 0x7e i64, ...). */
  types: FuncType[];
  /**
   * The initial value of each global the module defines (after imported ones), when it is an
   * `i32.const`: the first is the stack pointer in LLVM-built modules (TinyGo, C).
   */
  globalInits: (number | undefined)[];
  /**
   * Each active data segment with a constant offset: where it is placed in linear memory, its
   * length, and where its bytes start in the module.
   */
  dataSegments: { offset: number; length: number; start: number }[];
  /** Type index of every function, imported ones first (indexed by function index). */
  functionTypes: number[];
}

/**
 * A function signature.
 *
 * @example
 * ```ts
 * import { functionIndex, parseModule } from "@mapscope/mapscope/wasm";
 * const info = parseModule(await Deno.readFile("go-targets/dist/tinygo-0.41.0/hello.wasm"));
 * const f = functionIndex(info, "runtime.alloc")!;
 * console.log(info.types[info.functionTypes[f]!]?.params); // [127, ...] (i32 parameters)
 * ```
 */
export interface FuncType {
  /** Parameter value types. */
  params: number[];
  /** Result value types. */
  results: number[];
}

class Reader {
  pos: number;
  constructor(readonly b: Uint8Array, pos = 0) {
    this.pos = pos;
  }
  byte(): number {
    if (this.pos >= this.b.length) {
      throw new ModuleError(`truncated module: unexpected end at byte ${this.pos}`);
    }
    return this.b[this.pos++];
  }
  u32(): number {
    // one-byte values (most counts, lengths and indexes) without the general decoder's call
    const x = this.b[this.pos];
    if (x !== undefined && x < 0x80) {
      this.pos++;
      return x;
    }
    const [v, pos] = decodeU32(this.b, this.pos);
    this.pos = pos;
    return v;
  }
  i32(): number {
    const [v, pos] = decodeS32(this.b, this.pos);
    this.pos = pos;
    return v;
  }
  name(): string {
    const n = this.u32();
    if (this.pos + n > this.b.length) {
      throw new ModuleError(`truncated module: name past the end at ${this.pos}`);
    }
    const s = utf8Text(this.b, this.pos, n);
    this.pos += n;
    return s;
  }
}

// one kept, so that the shape of its objects outlives every run (see ../_keep_shape.ts)
keepShape(new Reader(new Uint8Array(0)));

function skipLimits(r: Reader): void {
  const flags = r.u32();
  r.u32();
  if (flags & 1) r.u32();
}

/**
 * Parses the sections, imports, element section and name section of a module.
 * Throws {@linkcode ModuleError} for bytes that are not a well-formed module.
 *
 * @example
 * ```ts
 * import { parseModule } from "@mapscope/mapscope/wasm";
 * const info = parseModule(await Deno.readFile("go-targets/dist/tinygo-0.41.0/hello.wasm"));
 * console.log(info.imports.map((i) => i.name));
 * ```
 */
export function parseModule(bytes: Uint8Array): ModuleInfo {
  if (bytes.length < 8) throw new ModuleError(`not a WebAssembly module: only ${bytes.length} bytes`);
  if (bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    throw new ModuleError("not a WebAssembly module: the file does not start with \\0asm");
  }
  if (bytes[4] !== 1 || bytes[5] !== 0 || bytes[6] !== 0 || bytes[7] !== 0) {
    throw new ModuleError("unsupported WebAssembly binary version (only version 1 is supported)");
  }
  const r = new Reader(bytes, 8);
  const info: ModuleInfo = {
    sections: [],
    imports: [],
    importedFunctions: 0,
    functionNames: new Map(),
    table: new Map(),
    custom: new Map(),
    types: [],
    functionTypes: [],
    globalInits: [],
    dataSegments: [],
  };
  while (r.pos < bytes.length) {
    const id = r.byte();
    const size = r.u32();
    const end = r.pos + size;
    if (end > bytes.length) {
      throw new ModuleError(
        `truncated module: section ${id} needs ${size} bytes, ${bytes.length - r.pos} remain`,
      );
    }
    let name = "";
    if (id === 0) name = r.name();
    info.sections.push({ id, name, start: r.pos, end });
    const body = new Reader(bytes.subarray(0, end), r.pos);
    if (id === 0) info.custom.set(name, bytes.subarray(r.pos, end));
    if (id === 1) readTypes(body, info);
    if (id === 2) readImports(body, info);
    if (id === 3) {
      const n = body.u32();
      for (let i = 0; i < n; i++) info.functionTypes.push(body.u32());
    }
    if (id === 6) readGlobals(body, info);
    if (id === 11) lazyDataSegments(info, bytes.subarray(0, end), body.pos);
    if (id === 9) readElements(body, info);
    if (id === 0 && name === "name") readNames(body, end, info);
    r.pos = end;
  }
  return info;
}

// one kept, so that the shape of a parsed module outlives every run (see ../_keep_shape.ts)
keepShape(parseModule(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0])));

function readImports(r: Reader, info: ModuleInfo): void {
  const n = r.u32();
  for (let i = 0; i < n; i++) {
    const module = r.name();
    const name = r.name();
    const kind = r.byte();
    if (kind === 0) {
      info.functionTypes.push(r.u32());
      info.importedFunctions++;
    } else if (kind === 1) {
      r.byte();
      skipLimits(r);
    } else if (kind === 2) skipLimits(r);
    else if (kind === 3) {
      r.byte();
      r.byte();
    } else throw new ModuleError(`unknown import kind ${kind} for ${module}.${name}`);
    info.imports.push({ module, name, kind });
  }
}

function readTypes(r: Reader, info: ModuleInfo): void {
  const n = r.u32();
  for (let i = 0; i < n; i++) {
    if (r.byte() !== 0x60) throw new ModuleError(`type ${i} is not a function type`);
    const params: number[] = [];
    const results: number[] = [];
    for (let p = r.u32(); p > 0; p--) params.push(r.byte());
    for (let q = r.u32(); q > 0; q--) results.push(r.byte());
    info.types.push({ params, results });
  }
}

/**
 * Makes `info.dataSegments` read the data section at its first use: a Go binary has tens of
 * thousands of segments (25-40 ms to read in a fresh process), and most runs never ask for them.
 * A malformed section throws {@linkcode ModuleError} then.
 */
function lazyDataSegments(info: ModuleInfo, bytes: Uint8Array, start: number): void {
  let segments: ModuleInfo["dataSegments"] | undefined;
  Object.defineProperty(info, "dataSegments", {
    enumerable: true,
    configurable: true,
    get: () => segments ??= readDataSegments(new Reader(bytes, start)),
  });
}

function readDataSegments(r: Reader): ModuleInfo["dataSegments"] {
  const out: ModuleInfo["dataSegments"] = [];
  const n = r.u32();
  for (let i = 0; i < n; i++) {
    const flags = r.u32();
    let offset: number | undefined;
    if (flags === 0 || flags === 2) {
      if (flags === 2) r.u32(); // memory index
      const op = r.byte();
      if (op === 0x41) offset = r.i32() >>> 0;
      else r.u32();
      while (r.byte() !== 0x0b) { /* to the end of the offset expression */ }
    }
    const length = r.u32();
    if (offset !== undefined) out.push({ offset, length, start: r.pos });
    r.pos += length;
  }
  return out;
}

function readGlobals(r: Reader, info: ModuleInfo): void {
  const n = r.u32();
  for (let i = 0; i < n; i++) {
    r.byte(); // value type
    r.byte(); // mutability
    const op = r.byte();
    let value: number | undefined;
    if (op === 0x41) value = r.i32();
    else if (op === 0x42 || op === 0x23 || op === 0xd2) r.u32(); // i64.const (small), global.get, ref.func
    else if (op === 0x43) r.pos += 4;
    else if (op === 0x44) r.pos += 8;
    else if (op === 0xd0) r.byte();
    // anything else (extended constant expressions) is skipped to its end
    while (r.byte() !== 0x0b) { /* up to end */ }
    info.globalInits.push(value);
  }
}

/**
 * The function index whose name-section name is `name`, if there is one.
 * Never throws: undefined when no function has the name.
 *
 * @example
 * ```ts
 * import { functionIndex, parseModule } from "@mapscope/mapscope/wasm";
 * const info = parseModule(await Deno.readFile("go-targets/dist/go1.26.8/hello.wasm"));
 * console.log(functionIndex(info, "runtime.gopanic") !== undefined); // true
 * ```
 */
export function functionIndex(info: ModuleInfo, name: string): number | undefined {
  for (const [idx, n] of info.functionNames) if (n === name) return idx;
  return undefined;
}

function readElements(r: Reader, info: ModuleInfo): void {
  const n = r.u32();
  for (let i = 0; i < n; i++) {
    const flags = r.u32();
    if (flags !== 0 && flags !== 2) return; // only active funcref-index segments carry slots we use
    if (flags === 2) r.u32();
    const op = r.byte();
    if (op !== 0x41) return;
    const offset = r.i32();
    if (r.byte() !== 0x0b) return;
    if (flags === 2) r.byte();
    const count = r.u32();
    for (let j = 0; j < count; j++) info.table.set(offset + j, r.u32());
  }
}

function readNames(r: Reader, end: number, info: ModuleInfo): void {
  try {
    while (r.pos < end) {
      const sub = r.byte();
      const size = r.u32();
      const next = r.pos + size;
      if (sub === 1) {
        const count = r.u32();
        for (let i = 0; i < count; i++) {
          const idx = r.u32();
          info.functionNames.set(idx, r.name());
        }
      }
      r.pos = next;
    }
  } catch {
    // A malformed name section only loses names; the module itself is still usable.
  }
}

/**
 * The name of the function in table slot `slot`, if the module names it.
 * Never throws: undefined when the slot or its name is unknown.
 *
 * @example
 * ```ts
 * import { parseModule, tableFunctionName } from "@mapscope/mapscope/wasm";
 * const info = parseModule(await Deno.readFile("go-targets/dist/tinygo-0.41.0/hello.wasm"));
 * console.log([...info.table.keys()].slice(0, 3).map((slot) => tableFunctionName(info, slot)));
 * ```
 */
export function tableFunctionName(info: ModuleInfo, slot: number): string | undefined {
  const fn = info.table.get(slot);
  return fn === undefined ? undefined : info.functionNames.get(fn);
}
