/**
 * Where keys and elems sit inside a swiss group: read from `abi.MapType` (`types.ts`) or computed
 * as Go's compiler lays the group out, for both group layouts.
 *
 * @module
 */
import type { GoType } from "../../model/gotype.ts";

/**
 * Where keys and elems sit inside a group, as the runtime computes key(i) and elem(i).
 *
 * @example
 * ```ts
 * import { computeGeometry, type GroupGeometry } from "@mapscope/mapscope/layouts";
 * import { parseGoType } from "@mapscope/mapscope/types";
 * const t = parseGoType("map[string]int64", 8);
 * const g: GroupGeometry = computeGeometry(t.key!, t.elem!, "split");
 * console.log(g.keysOff, g.elemsOff, g.groupSize); // 8 136 200
 * ```
 */
export interface GroupGeometry {
  /** Bytes per group (8 control bytes + 8 slots). */
  groupSize: number;
  /** Offset of key 0 in a group. */
  keysOff: number;
  /** Bytes between consecutive keys. */
  keyStride: number;
  /** Offset of elem 0 in a group. */
  elemsOff: number;
  /** Bytes between consecutive elems. */
  elemStride: number;
  /** Keys are stored as pointers to the key. */
  indirectKey: boolean;
  /** Elems are stored as pointers to the elem. */
  indirectElem: boolean;
  /** "interleaved" (KVKV...) or "split" (KKKKKKKK VVVVVVVV). */
  layout: "interleaved" | "split";
}

/**
 * The group geometry Go's compiler gives a map type (cmd/compile/internal/reflectdata/map.go
 * `MapGroupType`): keys or elems over 128 bytes are stored as pointers; the default layout
 * interleaves key/elem slots, GOEXPERIMENT=mapsplitgroup stores 8 keys then 8 elems.
 * Never throws: sizes come from the types, which their readers have checked.
 *
 * @example
 * ```ts
 * import { computeGeometry } from "@mapscope/mapscope/layouts";
 * import { parseGoType } from "@mapscope/mapscope/types";
 * const t = parseGoType("map[int64]int8", 8);
 * console.log(computeGeometry(t.key!, t.elem!, "interleaved").groupSize); // 136
 * ```
 */
export function computeGeometry(key: GoType, elem: GoType, layout: "interleaved" | "split"): GroupGeometry {
  const indirectKey = key.size > 128;
  const indirectElem = elem.size > 128;
  const k = indirectKey ? { size: 8, align: 8 } : { size: key.size, align: key.align };
  const e = indirectElem ? { size: 8, align: 8 } : { size: elem.size, align: elem.align };
  const up = (n: number, a: number) => Math.ceil(n / a) * a;
  if (layout === "interleaved") {
    const slotAlign = Math.max(k.align, e.align, 1);
    const elemOff = up(k.size, e.align);
    let slotSize = elemOff + e.size;
    if (e.size === 0 && slotSize > 0) slotSize++; // gc pads a trailing zero-size field
    slotSize = up(slotSize, slotAlign);
    const keysOff = up(8, slotAlign);
    return {
      groupSize: up(keysOff + 8 * slotSize, Math.max(8, slotAlign)),
      keysOff,
      keyStride: slotSize,
      elemsOff: keysOff + elemOff,
      elemStride: slotSize,
      indirectKey,
      indirectElem,
      layout,
    };
  }
  const keysOff = up(8, k.align);
  const elemsOff = up(keysOff + 8 * k.size, e.align);
  let end = elemsOff + 8 * e.size;
  if (e.size === 0) end++;
  return {
    groupSize: up(end, Math.max(8, k.align, e.align)),
    keysOff,
    keyStride: k.size,
    elemsOff,
    elemStride: e.size,
    indirectKey,
    indirectElem,
    layout,
  };
}
