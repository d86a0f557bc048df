/**
 * Code inserted at the top of every loop, with a counter global of its own: the way a host gets
 * control back from a guest that never calls it (a runaway loop), without any thread. The
 * global section gets one more mutable i32 and the code section is re-encoded; every other
 * section, and every function, type and global index, stays as it was.
 *
 * @module
 */
import { ModuleError } from "../errors.ts";
import { decodeU32, encodeS32, encodeU32 } from "./_leb128.ts";
import { loopStarts } from "./instructions.ts";
import type { ModuleInfo } from "./module.ts";

/** One section: id and its content's range. */
interface RawSection {
  id: number;
  /** Where the section starts (its id byte). */
  at: number;
  contentStart: number;
  end: number;
}

function sections(bytes: Uint8Array): RawSection[] {
  const out: RawSection[] = [];
  let p = 8;
  while (p < bytes.length) {
    const at = p;
    const id = bytes[p++]!;
    const [size, contentStart] = decodeU32(bytes, p);
    const end = contentStart + size;
    if (end > bytes.length) throw new ModuleError(`section ${id} runs past the end of the module`);
    out.push({ id, at, contentStart, end });
    p = end;
  }
  return out;
}

function section(id: number, content: Uint8Array[]): Uint8Array[] {
  const size = content.reduce((n, c) => n + c.length, 0);
  return [new Uint8Array([id, ...encodeU32(size)]), ...content];
}

/**
 * A copy of `bytes` with a new mutable i32 global (initial value `initial`) and `check(index)`
 * inserted after every `loop` of every function; undefined when the module has no global
 * section or a body holds an instruction the walker does not know (nothing is changed then).
 */
export function instrumentLoops(
  bytes: Uint8Array,
  info: ModuleInfo,
  check: (counterGlobal: number) => Uint8Array,
  initial: number,
): Uint8Array<ArrayBuffer> | undefined {
  const all = sections(bytes);
  const globals = all.find((s) => s.id === 6);
  const code = all.find((s) => s.id === 10);
  if (!globals || !code) return undefined;
  const [defined, globalsBody] = decodeU32(bytes, globals.contentStart);
  const imported = info.imports.filter((i) => i.kind === 3).length;
  const insert = check(imported + defined);
  // i32, mutable, (i32.const initial) end
  const newGlobal = new Uint8Array([0x7f, 0x01, 0x41, ...encodeS32(initial), 0x0b]);
  const globalSection = section(6, [
    new Uint8Array(encodeU32(defined + 1)),
    bytes.subarray(globalsBody, globals.end),
    newGlobal,
  ]);

  const [count, first] = decodeU32(bytes, code.contentStart);
  const parts: Uint8Array[] = [new Uint8Array(encodeU32(count))];
  let pos = first;
  for (let i = 0; i < count; i++) {
    const [size, bodyStart] = decodeU32(bytes, pos);
    const bodyEnd = bodyStart + size;
    let [groups, p] = decodeU32(bytes, bodyStart);
    for (; groups > 0; groups--) p = decodeU32(bytes, p)[1] + 1;
    const loops = loopStarts(bytes, p, bodyEnd);
    if (!loops) return undefined;
    if (loops.length === 0) parts.push(bytes.subarray(pos, bodyEnd));
    else {
      const body: Uint8Array[] = [];
      let from = bodyStart;
      for (const at of loops) {
        body.push(bytes.subarray(from, at), insert);
        from = at;
      }
      body.push(bytes.subarray(from, bodyEnd));
      parts.push(new Uint8Array(encodeU32(size + loops.length * insert.length)), ...body);
    }
    pos = bodyEnd;
  }
  if (pos !== code.end) throw new ModuleError("the code section's bodies do not fill it exactly");
  const codeSection = section(10, parts);

  const out: Uint8Array[] = [bytes.subarray(0, 8)];
  for (const s of all) {
    if (s === globals) out.push(...globalSection);
    else if (s === code) out.push(...codeSection);
    else out.push(bytes.subarray(s.at, s.end));
  }
  const total = out.reduce((n, c) => n + c.length, 0);
  const result = new Uint8Array(total);
  let at = 0;
  for (const c of out) {
    result.set(c, at);
    at += c.length;
  }
  return result;
}
