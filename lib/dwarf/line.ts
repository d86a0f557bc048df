/**
 * DWARF line tables (`.debug_line`, versions 2 to 4, as LLVM writes them for TinyGo 0.41.0's
 * wasm builds): the file and line of a code address. In a WebAssembly module an address is an
 * offset into the code section's content (WebAssembly's DWARF convention), so a call site found
 * by walking the code section maps straight to its source line.
 *
 * Source: DWARF 4 (dwarfstd.org), section 6.2 "Line Number Information"; the state machine and
 * its opcodes are implemented from that text. Every read is bounded by the section; a malformed
 * table throws `ModuleError`.
 *
 * @module
 */
import { ModuleError } from "../errors.ts";
import { Cursor, unitLength } from "./_cursor.ts";

/** A source position: the file's path as the table spells it, and the line (1-based). */
export interface SourcePosition {
  /** The file: its include directory joined with its name. */
  file: string;
  /** The line, from 1. */
  line: number;
}

/** One sequence of rows: addresses ascending, and where the sequence ends. */
interface Sequence {
  /** Row addresses, ascending. */
  addrs: number[];
  /** Row file indexes into `files`, parallel to `addrs`. */
  files: number[];
  /** Row lines, parallel to `addrs`. */
  lines: number[];
  /** The first address after the sequence. */
  end: number;
}

/** Every line table of a module, searchable by address. */
export class LineTable {
  readonly #sequences: Sequence[];
  readonly #files: string[];
  /** Each unit's first file in `#files` and its file count, by the unit's section offset. */
  readonly #units: Map<number, { first: number; count: number }>;

  private constructor(
    sequences: Sequence[],
    files: string[],
    units: Map<number, { first: number; count: number }>,
  ) {
    this.#sequences = sequences.sort((a, b) => a.addrs[0]! - b.addrs[0]!);
    this.#files = files;
    this.#units = units;
  }

  /**
   * File `index` (from 1, as DW_AT_decl_file and DW_AT_call_file give it) of the unit whose table
   * starts at `unitOffset` (DW_AT_stmt_list); undefined when there is no such file.
   */
  fileName(unitOffset: number, index: number): string | undefined {
    const u = this.#units.get(unitOffset);
    return u && index >= 1 && index <= u.count ? this.#files[u.first + index - 1] : undefined;
  }

  /**
   * Parses a whole `.debug_line` section. Throws `ModuleError` when it is malformed (a read past
   * its end, an unknown version, an opcode base of 0, a file index out of range).
   */
  static parse(section: Uint8Array): LineTable {
    const c = new Cursor(section, ".debug_line");
    const sequences: Sequence[] = [];
    const files: string[] = [];
    const units = new Map<number, { first: number; count: number }>();
    while (c.pos < c.end) {
      const at = c.pos, first = files.length;
      readUnit(c, sequences, files);
      units.set(at, { first, count: files.length - first });
    }
    return new LineTable(sequences, files, units);
  }

  /** How many rows the tables hold. */
  get rows(): number {
    return this.#sequences.reduce((n, s) => n + s.addrs.length, 0);
  }

  /**
   * The position of the code at `address`: the last row at or before it in its sequence. With
   * `skip`, rows it rejects (and rows of line 0) are passed over backwards, down to rows at
   * `floor`, and undefined is the answer when none is left: LLVM gives the instructions of a
   * runtime call TinyGo inserts the line of the enclosing function's declaration, so the
   * statement is the row before them.
   */
  lookup(
    address: number,
    skip?: (line: number, file: string) => boolean,
    floor = 0,
  ): SourcePosition | undefined {
    const seqs = this.#sequences;
    // the last sequence starting at or before the address (sequences do not overlap)
    let lo = 0, hi = seqs.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (seqs[mid]!.addrs[0]! <= address) (found = mid, lo = mid + 1);
      else hi = mid - 1;
    }
    for (let k = found; k >= 0 && k >= found - 1; k--) {
      const s = seqs[k]!;
      if (address >= s.end) continue;
      let a = 0, b = s.addrs.length - 1, row = -1;
      while (a <= b) {
        const mid = (a + b) >> 1;
        if (s.addrs[mid]! <= address) (row = mid, a = mid + 1);
        else b = mid - 1;
      }
      if (skip) {
        let r = row;
        while (
          r >= 0 && s.addrs[r]! >= floor && (s.lines[r] === 0 || skip(s.lines[r]!, this.#files[s.files[r]!]!))
        ) r--;
        if (r < 0 || s.addrs[r]! < floor) return undefined; // every row there was passed over
        row = r;
      }
      if (row < 0 || s.lines[row] === 0) return undefined;
      return { file: this.#files[s.files[row]!]!, line: s.lines[row]! };
    }
    return undefined;
  }
}

/** Reads one unit's header and program, adding its sequences and files. */
function readUnit(c: Cursor, sequences: Sequence[], allFiles: string[]): void {
  const { length, offset64 } = unitLength(c);
  const unitEnd = c.pos + length;
  const version = c.u16();
  if (version < 2 || version > 4) {
    throw new ModuleError(`.debug_line: version ${version} is not read (2 to 4 are)`);
  }
  const headerLength = offset64 ? c.u64() : c.u32();
  const programStart = c.pos + headerLength;
  if (programStart > unitEnd) throw new ModuleError(".debug_line: a header longer than its unit");
  const minInst = c.u8();
  if (version >= 4) c.u8(); // maximum_operations_per_instruction (1: no VLIW)
  const defaultIsStmt = c.u8() !== 0;
  void defaultIsStmt;
  const lineBase = (c.u8() << 24) >> 24;
  const lineRange = c.u8();
  const opcodeBase = c.u8();
  if (lineRange === 0 || opcodeBase === 0) {
    throw new ModuleError(".debug_line: line_range or opcode_base is 0");
  }
  const stdLengths: number[] = [];
  for (let i = 1; i < opcodeBase; i++) stdLengths.push(c.u8());
  const dirs: string[] = [];
  for (let d = c.cstring(); d !== ""; d = c.cstring()) dirs.push(d);
  // this unit's file n (from 1) is allFiles[first + n - 1]
  const first = allFiles.length;
  const addFile = (name: string, dir: number) => {
    const base = dir > 0 ? dirs[dir - 1] : undefined;
    allFiles.push(base !== undefined && !name.startsWith("/") ? `${base}/${name}` : name);
  };
  for (let f = c.cstring(); f !== ""; f = c.cstring()) {
    const dir = c.uleb();
    c.uleb(); // mtime
    c.uleb(); // length
    addFile(f, dir);
  }
  c.pos = programStart;
  const p = new Cursor(c.b, ".debug_line", programStart, unitEnd);
  let address = 0, file = 1, line = 1;
  let seq: Sequence = { addrs: [], files: [], lines: [], end: 0 };
  const fileIndex = () => {
    const i = first + file - 1;
    if (file < 1 || i >= allFiles.length) {
      throw new ModuleError(`.debug_line: file ${file} is not in its unit`);
    }
    return i;
  };
  const row = () => {
    seq.addrs.push(address);
    seq.files.push(fileIndex());
    seq.lines.push(line);
  };
  while (p.pos < p.end) {
    const op = p.u8();
    if (op >= opcodeBase) {
      const adj = op - opcodeBase;
      address += Math.floor(adj / lineRange) * minInst;
      line += lineBase + (adj % lineRange);
      row();
    } else if (op === 0) {
      const len = p.uleb();
      const extEnd = p.pos + len;
      p.need(len);
      const sub = len > 0 ? p.u8() : 0;
      if (sub === 1) {
        // end_sequence: the sequence closes at this address; the state resets
        seq.end = address;
        if (seq.addrs.length > 0) sequences.push(seq);
        seq = { addrs: [], files: [], lines: [], end: 0 };
        address = 0, file = 1, line = 1;
      } else if (sub === 2) {
        const n = extEnd - p.pos;
        address = n === 4 ? p.u32() : n === 8 ? p.u64() : NaN;
        if (Number.isNaN(address)) throw new ModuleError(`.debug_line: a set_address of ${n} bytes`);
      } else if (sub === 3) {
        const name = p.cstring();
        const dir = p.uleb();
        p.uleb(), p.uleb();
        addFile(name, dir);
      }
      p.pos = extEnd; // set_discriminator and unknown extended opcodes are skipped by their length
    } else if (op === 1) row();
    else if (op === 2) address += p.uleb() * minInst;
    else if (op === 3) line += p.sleb();
    else if (op === 4) file = p.uleb();
    else if (op === 8) address += Math.floor((255 - opcodeBase) / lineRange) * minInst;
    else if (op === 9) address += p.u16();
    else {
      // set_column, set_isa (one LEB) and opcodes this reader has no use for: skipped by their
      // declared operand count
      for (let k = stdLengths[op - 1] ?? 0; k > 0; k--) p.uleb();
    }
  }
  c.pos = unitEnd;
}
