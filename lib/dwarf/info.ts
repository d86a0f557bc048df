/**
 * The code scopes of DWARF `.debug_info` (versions 2 to 4, as LLVM writes them for TinyGo
 * 0.41.0's wasm builds): every function (`DW_TAG_subprogram`) and every inlined call
 * (`DW_TAG_inlined_subroutine`) with its code ranges, name and declaration line, so that a code
 * address can be named by the innermost function it belongs to, inlined or not; and every
 * variable at a fixed address (DW_OP_addr), with its type's name. Reads
 * `.debug_info`, `.debug_abbrev`, `.debug_str` and `.debug_ranges`.
 *
 * Source: DWARF 4 (dwarfstd.org), sections 7.5 (unit headers, abbreviations, attribute forms),
 * 3.3 (subroutines, inlined subroutines), 2.17 (code addresses and ranges). Every read is bounded
 * by its section; a malformed section throws `ModuleError`.
 *
 * @module
 */
import { ModuleError } from "../errors.ts";
import { Cursor, unitLength } from "./_cursor.ts";

/** A function's code, or an inlined call's: its ranges and the function's name and line. */
export interface CodeScope {
  /** The function's name (for an inlined call, the inlined function's). */
  name: string;
  /** The line the function is declared at, when known. */
  declLine?: number | undefined;
  /** Half-open code ranges [low, high), code-section offsets. */
  ranges: [number, number][];
  /** How deep the scope is nested: 0 for a function, more for calls inlined into it. */
  depth: number;
  /** For an inlined call: the line of the call in the function it was inlined into. */
  callLine?: number | undefined;
  /** For an inlined call: the file of the call, an index into its unit's line table files. */
  callFile?: number | undefined;
  /** The `.debug_line` offset of its unit's line table (DW_AT_stmt_list), for `callFile`. */
  lineUnit?: number | undefined;
}

const TAG_COMPILE_UNIT = 0x11, TAG_SUBPROGRAM = 0x2e, TAG_INLINED = 0x1d;
const AT_NAME = 0x03, AT_LOW_PC = 0x11, AT_HIGH_PC = 0x12, AT_DECL_LINE = 0x3b;
const AT_STMT_LIST = 0x10, AT_CALL_FILE = 0x58, AT_CALL_LINE = 0x59;
const AT_ABSTRACT_ORIGIN = 0x31, AT_SPECIFICATION = 0x47, AT_RANGES = 0x55, AT_LINKAGE_NAME = 0x6e;
const FORM_ADDR = 0x01, FORM_INDIRECT = 0x16, FORM_IMPLICIT_CONST = 0x21;

interface Abbrev {
  tag: number;
  children: boolean;
  /** [attribute, form] pairs. */
  attrs: [number, number][];
}

/** The abbreviation table at `offset`, by code. */
function abbrevTable(section: Uint8Array, offset: number): Map<number, Abbrev> {
  const c = new Cursor(section, ".debug_abbrev", offset);
  const out = new Map<number, Abbrev>();
  for (let code = c.uleb(); code !== 0; code = c.uleb()) {
    const tag = c.uleb();
    const children = c.u8() !== 0;
    const attrs: [number, number][] = [];
    for (;;) {
      const at = c.uleb(), form = c.uleb();
      if (at === 0 && form === 0) break;
      if (form === FORM_IMPLICIT_CONST) c.sleb();
      attrs.push([at, form]);
    }
    out.set(code, { tag, children, attrs });
  }
  return out;
}

/** Attribute values: numbers (constants, addresses, offsets, references) or strings. */
type Value = number | string | undefined;

/** Reads one attribute value of `form`; blocks and expressions are skipped (undefined). */
function readForm(c: Cursor, form: number, addrSize: number, offset64: boolean, str: Uint8Array): Value {
  switch (form) {
    case FORM_ADDR:
      return addrSize === 8 ? c.u64() : c.u32();
    case 0x0b: // data1
    case 0x11: // ref1
    case 0x0c: // flag
      return c.u8();
    case 0x05: // data2
    case 0x12: // ref2
      return c.u16();
    case 0x06: // data4
    case 0x13: // ref4
      return c.u32();
    case 0x07: // data8
    case 0x14: // ref8
    case 0x20: // ref_sig8
      return c.u64();
    case 0x0d: // sdata
      return c.sleb();
    case 0x0f: // udata
    case 0x15: // ref_udata
      return c.uleb();
    case 0x08: // string
      return c.cstring();
    case 0x0e: { // strp
      const at = offset64 ? c.u64() : c.u32();
      return new Cursor(str, ".debug_str", at).cstring();
    }
    case 0x10: // ref_addr
    case 0x17: // sec_offset
      return offset64 ? c.u64() : c.u32();
    case 0x0a: // block1
      c.skip(c.u8());
      return undefined;
    case 0x03: // block2
      c.skip(c.u16());
      return undefined;
    case 0x04: // block4
      c.skip(c.u32());
      return undefined;
    case 0x09: // block
    case 0x18: // exprloc
      c.skip(c.uleb());
      return undefined;
    case 0x19: // flag_present
    case FORM_IMPLICIT_CONST:
      return 1;
    case FORM_INDIRECT:
      return readForm(c, c.uleb(), addrSize, offset64, str);
    default:
      throw new ModuleError(`.debug_info: attribute form 0x${form.toString(16)} is not read`);
  }
}

/** The [low, high) pairs of a `.debug_ranges` list at `offset`, relative to `base`. */
function rangeList(
  section: Uint8Array | undefined,
  offset: number,
  addrSize: number,
  base: number,
): [number, number][] {
  if (!section) return [];
  const c = new Cursor(section, ".debug_ranges", offset);
  const out: [number, number][] = [];
  const max = addrSize === 8 ? 2 ** 53 : 0xffffffff;
  for (;;) {
    const lo = addrSize === 8 ? c.u64() : c.u32();
    const hi = addrSize === 8 ? c.u64() : c.u32();
    if (lo === 0 && hi === 0) return out;
    if (lo === max) base = hi; // a base address selection entry
    else if (hi > lo) out.push([base + lo, base + hi]);
  }
}

/** What a DIE holds that scopes need. */
interface Die {
  tag: number;
  name?: string | undefined;
  declLine?: number | undefined;
  /** Absolute .debug_info offset of the DIE this one's name comes from. */
  origin?: number | undefined;
  /** Absolute .debug_info offset of the DIE of its type. */
  type?: number | undefined;
}

/** A variable at a fixed address (a package-level variable): its name, address and type's name. */
export interface StaticVariable {
  /** The variable's name: `main.catalog`. */
  name: string;
  /** Its address in linear memory (DW_OP_addr). */
  address: number;
  /** Its type's name as DWARF spells it (`runtime.hashmap *`), when it has one. */
  typeName?: string | undefined;
  /** The line it is declared at, when known. */
  declLine?: number | undefined;
}

const TAG_VARIABLE = 0x34, TAG_POINTER = 0x0f;
const AT_TYPE = 0x49, AT_LOCATION = 0x02, OP_ADDR = 0x03;

/** Every function and inlined call of a module, searchable by code address. */
export class DebugScopes {
  readonly #scopes: CodeScope[];
  readonly #variables: StaticVariable[];

  private constructor(scopes: CodeScope[], variables: StaticVariable[]) {
    this.#scopes = scopes;
    this.#variables = variables;
  }

  /**
   * Parses `.debug_info` with its abbreviations, strings and ranges. Throws `ModuleError` when a
   * section is malformed or missing (`.debug_abbrev`), or a unit has a version other than 2 to 4.
   */
  static parse(sections: ReadonlyMap<string, Uint8Array>): DebugScopes {
    const info = sections.get(".debug_info");
    const abbrev = sections.get(".debug_abbrev");
    const str = sections.get(".debug_str") ?? new Uint8Array();
    const ranges = sections.get(".debug_ranges");
    if (!info || !abbrev) throw new ModuleError("no .debug_info or .debug_abbrev section");
    const dies = new Map<number, Die>();
    const pending: {
      die: Die;
      ranges: [number, number][];
      depth: number;
      callLine?: number | undefined;
      callFile?: number | undefined;
      lineUnit?: number | undefined;
    }[] = [];
    const statics: { die: Die; address: number }[] = [];
    const c = new Cursor(info, ".debug_info");
    while (c.pos < c.end) {
      const unitStart = c.pos;
      const { length, offset64 } = unitLength(c);
      const unitEnd = c.pos + length;
      const version = c.u16();
      if (version < 2 || version > 4) {
        throw new ModuleError(`.debug_info: version ${version} is not read (2 to 4 are)`);
      }
      const abbrevOffset = offset64 ? c.u64() : c.u32();
      const addrSize = c.u8();
      if (addrSize !== 4 && addrSize !== 8) throw new ModuleError(`.debug_info: address size ${addrSize}`);
      const table = abbrevTable(abbrev, abbrevOffset);
      const u = new Cursor(info, ".debug_info", c.pos, unitEnd);
      let depth = 0, cuBase = 0;
      let cuLines: number | undefined;
      // the depth, among the scopes, of the DIE at each tree depth
      const scopeDepth: number[] = [];
      while (u.pos < u.end) {
        const at = u.pos;
        const code = u.uleb();
        if (code === 0) {
          depth--;
          if (depth < 0) break;
          continue;
        }
        const a = table.get(code);
        if (!a) throw new ModuleError(`.debug_info: abbreviation ${code} at ${at} is not in its table`);
        const die: Die = { tag: a.tag };
        let address: number | undefined, callLine: number | undefined, callFile: number | undefined;
        let stmtList: number | undefined;
        let low: number | undefined,
          high: number | undefined,
          highIsOffset = false,
          rangesAt: number | undefined;
        for (const [attr, form] of a.attrs) {
          if (attr === AT_LOCATION && (form === 0x18 || form === 0x09 || form === 0x0a)) {
            // an expression: only DW_OP_addr alone (a variable at a fixed address) is kept
            const len = form === 0x0a ? u.u8() : u.uleb();
            u.need(len);
            if (len === 1 + addrSize && info[u.pos] === OP_ADDR) {
              const e = new Cursor(info, ".debug_info", u.pos + 1, u.pos + len);
              address = addrSize === 8 ? e.u64() : e.u32();
            }
            u.skip(len);
            continue;
          }
          const v = readForm(u, form, addrSize, offset64, str);
          if (typeof v === "string") {
            if (attr === AT_NAME || (attr === AT_LINKAGE_NAME && die.name === undefined)) die.name = v;
          } else if (v !== undefined) {
            if (attr === AT_LOW_PC) low = v;
            else if (attr === AT_HIGH_PC) (high = v, highIsOffset = form !== FORM_ADDR);
            else if (attr === AT_RANGES) rangesAt = v;
            else if (attr === AT_DECL_LINE) die.declLine = v;
            else if (attr === AT_CALL_LINE) callLine = v;
            else if (attr === AT_CALL_FILE) callFile = v;
            else if (attr === AT_STMT_LIST) stmtList = v;
            else if (attr === AT_ABSTRACT_ORIGIN || attr === AT_SPECIFICATION) {
              // ref1/2/4/8/udata are unit-relative; ref_addr is section-relative
              die.origin = form === 0x10 ? v : unitStart + v;
            } else if (attr === AT_TYPE) die.type = form === 0x10 ? v : unitStart + v;
          }
        }
        dies.set(at, die);
        if (a.tag === TAG_VARIABLE && address !== undefined && address > 0) statics.push({ die, address });
        if (a.tag === TAG_COMPILE_UNIT) (cuBase = low ?? 0, cuLines = stmtList);
        const scopeParent = depth > 0 ? scopeDepth[depth - 1] ?? -1 : -1;
        let mine = scopeParent;
        if (a.tag === TAG_SUBPROGRAM || a.tag === TAG_INLINED) {
          let rs: [number, number][] = [];
          if (rangesAt !== undefined) rs = rangeList(ranges, rangesAt, addrSize, cuBase);
          else if (low !== undefined && high !== undefined) rs = [[low, highIsOffset ? low + high : high]];
          // code offset 0 is the code section's function count, so a range there (or at the
          // tombstone 0xffffffff) is a function the linker dropped
          rs = rs.filter(([lo, hi]) => lo > 0 && hi < 0xffffffff);
          if (rs.length > 0) {
            mine = scopeParent + 1;
            pending.push({ die, ranges: rs, depth: mine, callLine, callFile, lineUnit: cuLines });
          }
        }
        if (a.children) {
          scopeDepth[depth] = mine;
          depth++;
        }
      }
      c.pos = unitEnd;
    }
    // names and lines through abstract origins and specifications (a bounded chain)
    const resolve = (d: Die): { name?: string | undefined; declLine?: number | undefined } => {
      let name = d.name, line = d.declLine, o = d.origin;
      for (let hops = 0; o !== undefined && hops < 8 && (name === undefined || line === undefined); hops++) {
        const t = dies.get(o);
        if (!t) break;
        name ??= t.name;
        line ??= t.declLine;
        o = t.origin;
      }
      return { name, declLine: line };
    };
    const scopes: CodeScope[] = [];
    for (const p of pending) {
      const r = resolve(p.die);
      if (r.name !== undefined) {
        scopes.push({
          name: r.name,
          declLine: r.declLine,
          ranges: p.ranges,
          depth: p.depth,
          callLine: p.callLine,
          callFile: p.callFile,
          lineUnit: p.lineUnit,
        });
      }
    }
    // a type's name: its own, or a pointer's as its target's with " *" (a bounded chain)
    const typeName = (off: number | undefined): string | undefined => {
      let stars = "";
      for (let hops = 0; off !== undefined && hops < 8; hops++) {
        const t = dies.get(off);
        if (!t) return undefined;
        if (t.tag !== TAG_POINTER) return t.name === undefined ? undefined : t.name + stars;
        stars += " *";
        off = t.type;
      }
      return undefined;
    };
    const variables: StaticVariable[] = [];
    for (const { die, address } of statics) {
      const r = resolve(die);
      if (r.name !== undefined) {
        variables.push({ name: r.name, address, typeName: typeName(die.type), declLine: r.declLine });
      }
    }
    return new DebugScopes(scopes, variables);
  }

  /** The variables at fixed addresses (package-level variables), in the order DWARF lists them. */
  get variables(): readonly StaticVariable[] {
    return this.#variables;
  }

  /** How many scopes (functions and inlined calls) there are. */
  get size(): number {
    return this.#scopes.length;
  }

  /** Every scope holding `address`, outermost (the function) first, then the calls inlined into it. */
  chain(address: number): CodeScope[] {
    const out: CodeScope[] = [];
    for (const s of this.#scopes) {
      if (s.ranges.some(([lo, hi]) => address >= lo && address < hi)) out.push(s);
    }
    return out.sort((a, b) => a.depth - b.depth);
  }

  /** The innermost scope holding `address`: the inlined function there, else the function. */
  innermost(address: number): CodeScope | undefined {
    const c = this.chain(address);
    return c.find((s) => s.depth === c.at(-1)!.depth); // the first of the deepest, as listed
  }
}
