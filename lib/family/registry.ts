/**
 * The runtime families by id: the one place that maps a toolchain to its family.
 *
 * @module
 */
import type { FamilyId } from "../model/snapshot.ts";
import type { RuntimeFamily } from "./family.ts";
import { plainFamily } from "./plain/mod.ts";
import { swissFamily } from "./swiss/mod.ts";
import { tinygoFamily } from "./tinygo/mod.ts";

const FAMILIES: Readonly<Record<FamilyId, RuntimeFamily>> = {
  tinygo: tinygoFamily,
  go: swissFamily,
  none: plainFamily,
};

/**
 * The family of a toolchain (or a snapshot, or an id).
 * Never throws for a {@linkcode FamilyId}.
 *
 * @example
 * ```ts
 * import { familyOf } from "@mapscope/mapscope/layouts";
 * console.log(familyOf("tinygo").panicStream, familyOf({ family: "go" }).panicStream); // stdout stderr
 * ```
 */
export function familyOf(of: FamilyId | { family: FamilyId }): RuntimeFamily {
  return FAMILIES[typeof of === "string" ? of : of.family];
}
