/**
 * The runtime families by id: the one place that maps a toolchain to its family.
 *
 * @module
 */
import type { TextBuffer } from "../_text_buffer.ts";
import type { FamilyId, ReadSnapshot } from "../model/snapshot.ts";
import type { RuntimeFamily } from "./family.ts";
import { plainFamily } from "./plain/mod.ts";
import { writeSwissDescription } from "./swiss/describe.ts";
import { swissFamily } from "./swiss/mod.ts";
import { writeTinyGoDescription } from "./tinygo/describe.ts";
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

/** The families' derived-facts lines written straight into a buffer (the text of `describe`). */
const DESCRIPTION_WRITERS: Readonly<Record<FamilyId, (out: TextBuffer, snap: ReadSnapshot) => void>> = {
  tinygo: writeTinyGoDescription,
  go: writeSwissDescription,
  none: () => {},
};

/**
 * Writes the lines of `familyOf(snap).describe(snap)` into `out`, each ended by a newline, without
 * making them as strings (the text report). Not part of the public API.
 */
export function writeDescription(out: TextBuffer, snap: ReadSnapshot): void {
  DESCRIPTION_WRITERS[snap.family](out, snap);
}
