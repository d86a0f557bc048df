/**
 * Inserts code at the entry of named functions without changing any index: only the code
 * section is re-encoded; every other section (types, imports, the name section, data, custom
 * sections) is copied byte for byte.
 *
 * @module
 */
import { ModuleError } from "../errors.ts";
import { functionIndex, type ModuleInfo, parseModule } from "./module.ts";

/** What to insert: the function's name and the bytes (instructions) to prepend to its body. */
export interface EntryPatch {
  /** The function's name in the name section. */
  name: string;
  /** Instructions to run first (must leave the stack as they found it). */
  code: Uint8Array;
}

/** Unsigned LEB128 of a non-negative integer. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n = Math.floor(n / 128);
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 of a 32-bit integer (for `i32.const`). */
export function sleb32(n: number): number[] {
  const out: number[] = [];
  let v = n | 0;
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

function readU32(b: Uint8Array, pos: number): [number, number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    if (pos >= b.length) throw new ModuleError("truncated code section");
    const x = b[pos++];
    result += (x & 0x7f) * 2 ** shift;
    if (!(x & 0x80)) return [result, pos];
    shift += 7;
    if (shift > 35) throw new ModuleError("bad LEB128 in the code section");
  }
}

/**
 * Returns a copy of `bytes` with each patch's code inserted at the entry of its function (after
 * the local declarations). Throws {@linkcode ModuleError} when a named function is missing or the
 * module has no name section.
 *
 * @example
 * ```ts
 * import { parseModule, patchFunctionEntries } from "@mapscope/mapscope";
 * const bytes = await Deno.readFile("go-targets/dist/tinygo-0.41.0/hello.wasm");
 * const nop = new Uint8Array([0x01]); // a `nop` at the entry of runtime.alloc
 * const patched = patchFunctionEntries(bytes, [{ name: "runtime.alloc", code: nop }]);
 * console.log(patched.length - bytes.length, parseModule(patched).functionNames.size);
 * ```
 */
export function patchFunctionEntries(
  bytes: Uint8Array,
  patches: EntryPatch[],
  info: ModuleInfo = parseModule(bytes),
): Uint8Array {
  if (info.functionNames.size === 0) {
    throw new ModuleError("the module has no name section: functions cannot be found by name");
  }
  const byBody = new Map<number, Uint8Array>();
  for (const p of patches) {
    const idx = functionIndex(info, p.name);
    if (idx === undefined) throw new ModuleError(`the module has no function named ${p.name}`);
    if (idx < info.importedFunctions) throw new ModuleError(`${p.name} is an import and has no body`);
    const body = idx - info.importedFunctions;
    const prev = byBody.get(body);
    byBody.set(body, prev ? new Uint8Array([...prev, ...p.code]) : p.code);
  }
  const code = info.sections.find((s) => s.id === 10);
  if (!code) throw new ModuleError("the module has no code section");
  const parts: Uint8Array[] = [];
  let [count, pos] = readU32(bytes, code.start);
  const header: number[] = uleb(count);
  for (let i = 0; i < count; i++) {
    const [size, bodyStart] = readU32(bytes, pos);
    const bodyEnd = bodyStart + size;
    const patch = byBody.get(i);
    if (!patch) {
      parts.push(bytes.subarray(pos, bodyEnd));
    } else {
      // skip the local declarations: count, then (n, type) pairs
      let [groups, p] = readU32(bytes, bodyStart);
      for (; groups > 0; groups--) {
        [, p] = readU32(bytes, p);
        p++;
      }
      parts.push(new Uint8Array(uleb(size + patch.length)));
      parts.push(bytes.subarray(bodyStart, p));
      parts.push(patch);
      parts.push(bytes.subarray(p, bodyEnd));
    }
    pos = bodyEnd;
  }
  if (pos !== code.end) throw new ModuleError("the code section's bodies do not fill it exactly");
  const contentLength = header.length + parts.reduce((n, x) => n + x.length, 0);
  // The section header: id 10, then its size, which may take a different number of bytes now.
  let headerStart = code.start - 1;
  while (bytes[headerStart - 1] & 0x80) headerStart--;
  headerStart--; // the id byte
  const out = new Uint8Array(
    headerStart + 1 + uleb(contentLength).length + contentLength + (bytes.length - code.end),
  );
  let at = 0;
  const put = (b: ArrayLike<number>) => {
    out.set(b, at);
    at += b.length;
  };
  put(bytes.subarray(0, headerStart));
  put([10, ...uleb(contentLength), ...header]);
  for (const p of parts) put(p);
  put(bytes.subarray(code.end));
  return out;
}
