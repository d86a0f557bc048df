/**
 * The byte budget of a snapshot's entries, shared by the families: how big it is, and decoding
 * entries until it runs out (the snapshot is then marked `truncated`, not killed).
 *
 * @module
 */
import { freshArray } from "./_fresh.ts";
import type { SlotList } from "./_slot_list.ts";
import { DecodeBudgetError } from "../errors.ts";
import type { DecodeBudget } from "../types/decode.ts";

/**
 * The default decode budget of a snapshot: 2 MiB, plus 256 bytes per entry (the len is known to
 * be right by then: the walk has counted the slots).
 */
export function snapshotBudget(len: number): number {
  return (2 << 20) + 256 * len;
}

/**
 * Decodes the entry of every pair in `slots` until `budget` runs out: the entries decoded, and why
 * they were cut if they were. Entries that cannot be decoded throw as before.
 */
export function decodeWithin<E>(
  slots: SlotList,
  decode: (keyAddr: number, valueAddr: number, budget: DecodeBudget) => E,
  budget: DecodeBudget,
): { entries: E[]; truncated?: string } {
  const count = slots.pairs;
  const entries = freshArray<E>();
  try {
    for (let i = 0; i < count; i++) entries.push(decode(slots.key(i), slots.value(i), budget));
  } catch (e) {
    if (!(e instanceof DecodeBudgetError)) throw e;
    return {
      entries,
      truncated: `${entries.length} of ${count} entries kept: the snapshot's decode budget ran out`,
    };
  }
  return { entries };
}
