/**
 * Walks the instructions of a function body far enough to find every `loop` and direct `call`: each opcode's
 * immediates are skipped by their encoding (MVP, sign extension, saturating conversions, bulk
 * memory, reference types, tail calls, exceptions, SIMD, threads). An opcode it does not know
 * stops the walk (the caller then leaves the body alone) rather than guessing.
 *
 * @module
 */

/** Skips one LEB128 (signed or unsigned, any length); returns the position after it. */
function skipLeb(b: Uint8Array, p: number): number {
  while (p < b.length && b[p]! & 0x80) p++;
  return p + 1;
}

/** Skips a memarg (alignment, with the multi-memory bit, and offset). */
function skipMemarg(b: Uint8Array, p: number): number {
  const align = b[p]!;
  p = skipLeb(b, p);
  if (align & 0x40) p = skipLeb(b, p); // memory index
  return skipLeb(b, p);
}

/** Skips a block type: empty, a value type, a reference type with its heap type, or a type index. */
function skipBlockType(b: Uint8Array, p: number): number {
  const x = b[p]!;
  if (x === 0x40 || (x >= 0x6a && x <= 0x7f && x !== 0x63 && x !== 0x64)) return p + 1;
  if (x === 0x63 || x === 0x64) return skipLeb(b, p + 1);
  return skipLeb(b, p);
}

/** Opcodes followed by exactly one LEB128 immediate. */
const ONE_LEB = new Set([
  0x07,
  0x08,
  0x09,
  0x0c,
  0x0d,
  0x10,
  0x12,
  0x14,
  0x15,
  0x18,
  0x20,
  0x21,
  0x22,
  0x23,
  0x24,
  0x25,
  0x26,
  0x3f,
  0x40,
  0x41,
  0x42,
  0xd0,
  0xd2,
  0xd4,
  0xd6,
]);

/**
 * The offsets just after each `loop` instruction (its block type included) in `code[start, end)`,
 * the instructions of one function body after its local declarations; undefined when an
 * instruction is not one this walker knows.
 */
export function loopStarts(code: Uint8Array, start: number, end: number): number[] | undefined {
  const out: number[] = [];
  return walk(code, start, end, (after) => out.push(after)) ? out : undefined;
}

/**
 * The offsets of each direct `call` (opcode 0x10) in `code[start, end)` whose callee `wanted`
 * accepts, with the callee; undefined when an instruction is not one this walker knows.
 */
export function callSites(
  code: Uint8Array,
  start: number,
  end: number,
  wanted: (callee: number) => boolean,
): { at: number; callee: number }[] | undefined {
  const out: { at: number; callee: number }[] = [];
  const ok = walk(code, start, end, undefined, (at, callee) => {
    if (wanted(callee)) out.push({ at, callee });
  });
  return ok ? out : undefined;
}

/**
 * The offsets of each `return` (opcode 0x0f) in `code[start, end)`; undefined when an
 * instruction is not one this walker knows.
 */
export function returnSites(code: Uint8Array, start: number, end: number): number[] | undefined {
  const out: number[] = [];
  return walk(code, start, end, undefined, undefined, (at) => out.push(at)) ? out : undefined;
}

/** Reads an unsigned LEB128 at `p` (for a call's function index). */
function readLeb(b: Uint8Array, p: number): number {
  let v = 0;
  for (let shift = 0; p < b.length; shift += 7) {
    const x = b[p++]!;
    v += (x & 0x7f) * 2 ** shift;
    if (!(x & 0x80)) break;
  }
  return v;
}

/**
 * Walks the instructions of `code[start, end)`, telling `onLoop` the offset after each loop's
 * block type, `onCall` each direct call's offset and callee, `onReturn` each return's offset; false when an instruction is not
 * one this walker knows or the walk does not end exactly at `end`.
 */
function walk(
  code: Uint8Array,
  start: number,
  end: number,
  onLoop?: (after: number) => void,
  onCall?: (at: number, callee: number) => void,
  onReturn?: (at: number) => void,
): boolean {
  let p = start;
  while (p < end) {
    const op = code[p++]!;
    if (op === 0x03) {
      p = skipBlockType(code, p);
      onLoop?.(p);
    } else if (op === 0x02 || op === 0x04 || op === 0x06) p = skipBlockType(code, p);
    else if (op === 0x0f) onReturn?.(p - 1);
    else if (op === 0x10) {
      onCall?.(p - 1, readLeb(code, p));
      p = skipLeb(code, p);
    } else if (ONE_LEB.has(op)) p = skipLeb(code, p);
    else if (op === 0x11 || op === 0x13) p = skipLeb(code, skipLeb(code, p));
    else if (op === 0x0e) {
      let n = 0;
      for (let shift = 0, x = 0x80; x & 0x80; shift += 7) n += ((x = code[p++]!) & 0x7f) * 2 ** shift;
      for (let i = 0; i <= n; i++) p = skipLeb(code, p);
    } else if (op === 0x1c) {
      let n = 0;
      for (let shift = 0, x = 0x80; x & 0x80; shift += 7) n += ((x = code[p++]!) & 0x7f) * 2 ** shift;
      p += n; // value types, one byte each
    } else if (op >= 0x28 && op <= 0x3e) p = skipMemarg(code, p);
    else if (op === 0x43) p += 4;
    else if (op === 0x44) p += 8;
    else if (op === 0xfc) {
      const sub = code[p]!;
      p = skipLeb(code, p);
      if (sub <= 7) continue;
      if (sub === 8 || sub === 10 || sub === 12 || sub === 14) p = skipLeb(code, skipLeb(code, p));
      else if (sub <= 17) p = skipLeb(code, p);
      else return false;
    } else if (op === 0xfd) {
      let sub = 0;
      for (let shift = 0, x = 0x80; x & 0x80; shift += 7) sub += ((x = code[p++]!) & 0x7f) * 2 ** shift;
      if (sub <= 11 || sub === 92 || sub === 93) p = skipMemarg(code, p);
      else if (sub === 12 || sub === 13) p += 16;
      else if (sub >= 21 && sub <= 34) p += 1;
      else if (sub >= 84 && sub <= 91) p = skipMemarg(code, p) + 1;
      else if (sub > 275) return false;
    } else if (op === 0xfe) {
      const sub = code[p]!;
      p = skipLeb(code, p);
      if (sub === 0x03) p += 1;
      else if (sub <= 0x4e) p = skipMemarg(code, p);
      else return false;
    } else if (
      op <= 0x01 || op === 0x05 || op === 0x0a || op === 0x0b || op === 0x0f || op === 0x19 ||
      op === 0x1a || op === 0x1b || (op >= 0x45 && op <= 0xc4) || op === 0xd1 || op === 0xd3 || op === 0xd5
    ) continue;
    else return false;
  }
  return p === end;
}
