/**
 * Consistency checks of a type graph read from guest memory, before anything is decoded with it:
 * sizes and alignments a Go type can have, parts present, arrays and structs that fit their
 * size, and no type containing itself by value (only pointers, slices, maps, chans and
 * interfaces may lead back to a type). A corrupted descriptor is refused here instead of sending a
 * decoder into unbounded recursion or memory.
 *
 * @module
 */
import type { GoType } from "../model/gotype.ts";

/** The largest type a wasm32 program can have (half the 4 GiB address space). */
export const MAX_TYPE_SIZE = 2 ** 31;

const FIXED: Record<string, number> = {
  bool: 1,
  int8: 1,
  uint8: 1,
  int16: 2,
  uint16: 2,
  int32: 4,
  uint32: 4,
  int64: 8,
  uint64: 8,
  float32: 4,
  float64: 8,
  complex64: 8,
  complex128: 16,
};
const PTR_SIZED = new Set(["int", "uint", "uintptr", "pointer", "unsafe.Pointer", "map", "chan"]);

function checkNode(t: GoType): string | undefined {
  if (!Number.isInteger(t.size) || t.size < 0 || t.size > MAX_TYPE_SIZE) return `${t.kind} of size ${t.size}`;
  if (!(t.align >= 1 && t.align <= 16 && (t.align & (t.align - 1)) === 0)) {
    return `${t.kind} aligned to ${t.align}`;
  }
  const fixed = FIXED[t.kind];
  if (fixed !== undefined && t.size !== fixed) return `${t.kind} of size ${t.size}, not ${fixed}`;
  if (PTR_SIZED.has(t.kind) && t.size !== 4 && t.size !== 8) return `${t.kind} of size ${t.size}`;
  if ((t.kind === "string" || t.kind === "interface") && t.size !== 8 && t.size !== 16) {
    return `${t.kind} of size ${t.size}`;
  }
  if (t.kind === "slice" && t.size !== 12 && t.size !== 24) return `slice of size ${t.size}`;
  if ((t.kind === "pointer" || t.kind === "slice" || t.kind === "array") && !t.elem) {
    return `${t.kind} without element`;
  }
  if (t.kind === "map" && (!t.key || !t.elem)) return "map without key or element type";
  if (t.kind === "array") {
    const len = t.len ?? -1;
    if (!Number.isInteger(len) || len < 0 || len > MAX_TYPE_SIZE) return `array of length ${len}`;
    if (t.elem!.size * len !== t.size) {
      return `[${len}] array of ${t.elem!.size}-byte elements has size ${t.size}`;
    }
  }
  if (t.kind === "struct") {
    if (!t.fields) return "struct without fields";
    let last = 0;
    for (const f of t.fields) {
      if (!Number.isInteger(f.offset) || f.offset < last || f.offset + f.type.size > t.size) {
        return `struct field ${
          JSON.stringify(f.name)
        } at offset ${f.offset} (+${f.type.size}) of a ${t.size}-byte struct`;
      }
      last = f.offset;
    }
  }
  return undefined;
}

/**
 * Why the type graph rooted at `root` cannot be a Go type, or undefined when it is consistent.
 * Visits each type once (shared and recursive types included).
 */
export function checkTypeGraph(root: GoType): string | undefined {
  const done = new Set<GoType>();
  const onPath = new Set<GoType>();
  // Depth-first over by-value edges (struct fields, array elements), with an explicit stack so
  // that no input decides the recursion depth; other edges start new walks.
  const pending: GoType[] = [root];
  while (pending.length) {
    const start = pending.pop()!;
    if (done.has(start)) continue;
    const stack: { t: GoType; next: number; parts: GoType[] }[] = [];
    const enter = (t: GoType): string | undefined => {
      const why = checkNode(t);
      if (why) return why;
      onPath.add(t);
      const byValue = t.kind === "array"
        ? [t.elem!]
        : t.kind === "struct"
        ? t.fields!.map((f) => f.type)
        : [];
      for (const x of [t.key, t.kind === "array" ? undefined : t.elem]) {
        if (x && !done.has(x)) pending.push(x);
      }
      stack.push({ t, next: 0, parts: byValue });
      return undefined;
    };
    const why = enter(start);
    if (why) return why;
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const part = top.parts[top.next++];
      if (part === undefined) {
        onPath.delete(top.t);
        done.add(top.t);
        stack.pop();
        continue;
      }
      if (onPath.has(part)) {
        return `a type contains itself by value: ${part.kind === "array" ? `[${part.len}]…` : part.kind}`;
      }
      if (done.has(part)) continue;
      const w = enter(part);
      if (w) return w;
    }
  }
  return undefined;
}
