/**
 * The byte budget of a snapshot's entries, shared by the families: how big it is, and decoding
 * entries until it runs out (the snapshot is then marked `truncated`, not killed).
 *
 * @module
 */
import { freshArray } from "./_fresh.ts";
import { DecodeBudgetError } from "../errors.ts";

/**
 * The default decode budget of a snapshot: 2 MiB, plus 256 bytes per entry (the len is known to
 * be right by then: the walk has counted the slots).
 */
export function snapshotBudget(len: number): number {
  return (2 << 20) + 256 * len;
}

/**
 * Decodes entries until the budget `decodeOne` spends runs out: the entries decoded, and why they
 * were cut if they were. Entries that cannot be decoded throw as before.
 */
export function decodeWithin<E>(
  count: number,
  decodeOne: (i: number) => E,
): { entries: E[]; truncated?: string } {
  const entries = freshArray<E>();
  try {
    for (let i = 0; i < count; i++) entries.push(decodeOne(i));
  } catch (e) {
    if (!(e instanceof DecodeBudgetError)) throw e;
    return {
      entries,
      truncated: `${entries.length} of ${count} entries kept: the snapshot's decode budget ran out`,
    };
  }
  return { entries };
}
