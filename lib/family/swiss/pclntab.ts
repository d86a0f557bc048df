/**
 * Go's own function table (`runtime.pclntab`), read from the module's data segments: the table
 * every Go binary carries for tracebacks, present even when `-ldflags="-s -w"` drops the name
 * section. It gives each Go function's name and its WebAssembly function index, so hooks find
 * `runtime.gopanic` and `runtime.mapassign*` in stripped builds.
 *
 * Sources (go1.26.8, go1.27.3): `src/runtime/symtab.go` (`pcHeader`, `functab`, `_func` in
 * `runtime2.go`), `src/internal/abi/symtab.go` (magic 0xfffffff1 since Go 1.20), and
 * `src/cmd/link/internal/wasm/asm.go`: a function's PC_F is `0x1000 + index`, where index counts
 * the module's own functions (after the imports); `_func.entryOff` holds that PC_F (checked
 * against the name section of every committed Go target).
 *
 * @module
 */
import type { ModuleInfo } from "../../wasm/module.ts";

/** pcHeader.magic of Go 1.20 and later, then pad, pad, minLC 1 (wasm), ptrSize 8. */
const MAGIC = [0xf1, 0xff, 0xff, 0xff, 0x00, 0x00, 0x01, 0x08];
/** PC_F of a module's first own function (cmd/link/internal/wasm funcValueOffset). */
const FUNC_VALUE_OFFSET = 0x1000;
/** The largest data image rebuilt to look for the table. */
const MAX_IMAGE = 256 << 20;

/**
 * Linear memory as the active data segments initialize it (zeros elsewhere), up to the end of
 * the last segment; undefined when there are none (or they reach past 256 MiB).
 */
export function dataImage(bytes: Uint8Array, info: ModuleInfo): Uint8Array | undefined {
  const end = info.dataSegments.reduce((m, s) => Math.max(m, s.offset + s.length), 0);
  if (end === 0 || end > MAX_IMAGE) return undefined;
  const image = new Uint8Array(end);
  for (const s of info.dataSegments) image.set(bytes.subarray(s.start, s.start + s.length), s.offset);
  return image;
}

/**
 * Go function names to WebAssembly function indexes, from the pclntab in the module's data;
 * an empty map when there is none (not a Go module, or a layout this reader does not know).
 */
export function goFunctionIndexes(bytes: Uint8Array, info: ModuleInfo): Map<string, number> {
  const out = new Map<string, number>();
  const img = dataImage(bytes, info);
  const functions = img ? GoFuncTable.of(img)?.functions() : undefined;
  if (!functions) return out;
  for (const { name, pcF } of functions) {
    // _func.entryOff is the function's PC_F: 0x1000 + its index among the module's own functions
    const index = pcF - FUNC_VALUE_OFFSET;
    if (name === undefined || index < 0 || info.importedFunctions + index >= info.functionTypes.length) {
      return new Map();
    }
    if (!out.has(name)) out.set(name, info.importedFunctions + index);
  }
  return out;
}

/**
 * The name section a stripped Go module would have had: index to name, spelled as Go's linker
 * writes it (every character outside `[A-Za-z0-9_.]` as `_`), from the pclntab.
 */
export function goNameSection(bytes: Uint8Array, info: ModuleInfo): Map<number, string> {
  const out = new Map<number, string>();
  for (const [name, index] of goFunctionIndexes(bytes, info)) {
    out.set(index, name.replace(/[^A-Za-z0-9_.]/g, "_"));
  }
  return out;
}

/** A Go function and the source position of a pc in it. */
export interface GoSourcePosition {
  /** The function's name: `main.main`. */
  function: string;
  /** The source file, as the binary records it (`-trimpath` shortens it). */
  file?: string | undefined;
  /** The line. */
  line?: number | undefined;
}

const TABLES = new WeakMap<object, GoFuncTable | null>();

/**
 * Go's function table as it sits in the running program's memory: function names and the
 * pc-to-file and pc-to-line tables (`runtime/symtab.go`: `pcvalue`, `funcline`).
 */
export class GoFuncTable {
  readonly #bytes: Uint8Array;
  readonly #dv: DataView;
  readonly #byPcF = new Map<number, number>(); // PC_F -> _func address
  readonly #funcs: number[] = []; // _func addresses in functab order
  readonly #complete: boolean;
  readonly #funcnames: number;
  readonly #cutab: number;
  readonly #filetab: number;
  readonly #pctab: number;

  private constructor(bytes: Uint8Array, hdr: number) {
    this.#bytes = bytes;
    this.#dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const u = (o: number) => this.#dv.getUint32(hdr + o, true);
    const nfunc = u(8);
    this.#funcnames = hdr + u(32);
    this.#cutab = hdr + u(40);
    this.#filetab = hdr + u(48);
    this.#pctab = hdr + u(56);
    const pcln = hdr + u(64);
    this.#complete = nfunc > 0 && nfunc <= 1 << 22 && pcln + 8 * (nfunc + 1) <= bytes.length;
    for (let i = 0; i < nfunc && pcln + 8 * i + 8 <= bytes.length; i++) {
      const f = pcln + this.#dv.getUint32(pcln + 8 * i + 4, true);
      if (f + 40 > bytes.length) {
        this.#complete = false;
        continue;
      }
      this.#funcs.push(f);
      this.#byPcF.set(this.#dv.getUint32(f, true), f);
    }
  }

  /**
   * The table in `bytes` (a Go module's linear memory), found once per memory object; undefined
   * when there is none.
   */
  static of(bytes: Uint8Array): GoFuncTable | undefined {
    const key = bytes.buffer;
    const hit = TABLES.get(key);
    if (hit !== undefined) return hit ?? undefined;
    let table: GoFuncTable | null = null;
    for (let i = bytes.indexOf(0xf1); i !== -1; i = bytes.indexOf(0xf1, i + 1)) {
      if (i % 8 === 0 && MAGIC.every((b, j) => bytes[i + j] === b)) {
        table = new GoFuncTable(bytes, i);
        break;
      }
    }
    TABLES.set(key, table);
    return table ?? undefined;
  }

  /** The name at `at` in the name table; undefined when it runs off the end or is implausibly long. */
  #name(at: number): string | undefined {
    const end = at < 0 ? -1 : this.#bytes.indexOf(0, at);
    return end < 0 || end - at > 4096 ? undefined : new TextDecoder().decode(this.#bytes.subarray(at, end));
  }

  #cstring(at: number): string {
    return this.#name(at) ?? "?";
  }

  /**
   * Every function in table order: its name (undefined when unreadable) and PC_F. Undefined when
   * the table is not whole (a count or an offset past the data).
   */
  functions(): { name: string | undefined; pcF: number }[] | undefined {
    if (!this.#complete) return undefined;
    return this.#funcs.map((f) => ({
      name: this.#name(this.#funcnames + this.#dv.getInt32(f + 4, true)),
      pcF: this.#dv.getUint32(f, true),
    }));
  }

  /** The value a pcvalue table at `off` gives for `target` (pcs relative to the function's entry). */
  #pcvalue(off: number, target: number): number | undefined {
    if (off === 0) return undefined;
    let p = this.#pctab + off;
    let val = -1;
    let pc = 0;
    const b = this.#bytes;
    const varint = () => {
      let v = 0;
      for (let shift = 0; shift < 35; shift += 7) {
        const x = b[p++];
        if (x === undefined) return -1;
        v += (x & 0x7f) * 2 ** shift;
        if (!(x & 0x80)) break;
      }
      return v;
    };
    for (let first = true; p < b.length; first = false) {
      const uv = varint();
      if (uv < 0 || (uv === 0 && !first)) return undefined;
      val += uv & 1 ? -((uv + 1) / 2) : uv / 2;
      pc += varint();
      if (target < pc) return val;
    }
    return undefined;
  }

  /**
   * The function, file and line of a Go return address (`PC_F << 16 | PC_B`, as the caller left
   * it on the stack); undefined when no function starts at that PC_F.
   */
  position(returnPc: number): GoSourcePosition | undefined {
    const pcF = Math.floor(returnPc / 65536);
    const pcB = returnPc % 65536;
    const f = this.#byPcF.get(pcF);
    if (f === undefined) return undefined;
    const dv = this.#dv;
    const name = this.#cstring(this.#funcnames + dv.getInt32(f + 4, true));
    // the call is in the block before the resume point the return address names
    const target = Math.max(0, pcB - 1);
    const line = this.#pcvalue(dv.getUint32(f + 24, true), target);
    const fileIndex = this.#pcvalue(dv.getUint32(f + 20, true), target);
    let file: string | undefined;
    if (fileIndex !== undefined && fileIndex >= 0) {
      const cu = dv.getUint32(f + 32, true);
      const at = this.#cutab + 4 * (cu + fileIndex);
      if (at + 4 <= this.#bytes.length) {
        const off = dv.getUint32(at, true);
        if (off !== 0xffffffff) file = this.#cstring(this.#filetab + off);
      }
    }
    return { function: name, file, line: line !== undefined && line >= 0 ? line : undefined };
  }
}
