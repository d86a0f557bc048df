/**
 * Reading a type graph out of guest memory so that a failed read leaves no trace: the one helper
 * both families' descriptor readers use.
 *
 * @module
 */
import { CorruptMapError } from "../errors.ts";
import type { GoType } from "../model/gotype.ts";
import { checkTypeGraph } from "./check.ts";

/**
 * Reads the type at `addr` with `read` (which caches every type it builds in `cache` and lists its
 * address in `added`), then checks the whole graph. On any failure every type this read added is
 * taken out of the cache again, so the reader is as good as new for the next call.
 */
export function readTypeGraph(
  cache: Map<number, GoType>,
  addr: number,
  read: (addr: number, added: number[]) => GoType,
): GoType {
  const hit = cache.get(addr);
  if (hit) return hit;
  const added: number[] = [];
  try {
    const t = read(addr, added);
    const why = checkTypeGraph(t);
    if (why) throw new CorruptMapError(addr, why);
    return t;
  } catch (e) {
    for (const a of added) cache.delete(a);
    throw e;
  }
}
