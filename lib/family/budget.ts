/**
 * The byte budget of a snapshot's entries, shared by the families: how big it is, and decoding
 * entries until it runs out (the snapshot is then marked `truncated`, not killed).
 *
 * @module
 */
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

/** What decoded entries go into: one `add` per pair (an entry table builder). */
export interface EntrySink {
  /** Decodes and keeps the entry of one pair; throws and keeps nothing when it cannot. */
  add(keyAddr: number, valueAddr: number, budget: DecodeBudget): void;
}

/**
 * Decodes the entry of every pair in `slots` into `sink` until `budget` runs out: how many were
 * kept, and why they were cut if they were. Entries that cannot be decoded throw as before,
 * through `rethrow` when given (with the key address of the entry that failed).
 */
export function decodeWithin(
  slots: SlotList,
  sink: EntrySink,
  budget: DecodeBudget,
  rethrow?: (e: unknown, keyAddr: number) => unknown,
): { kept: number; truncated?: string } {
  const count = slots.pairs;
  let i = 0;
  try {
    for (; i < count; i++) sink.add(slots.key(i), slots.value(i), budget);
  } catch (e) {
    if (!(e instanceof DecodeBudgetError)) throw rethrow ? rethrow(e, slots.key(i)) : e;
    return { kept: i, truncated: `${i} of ${count} entries kept: the snapshot's decode budget ran out` };
  }
  return { kept: count };
}
