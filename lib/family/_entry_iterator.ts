/**
 * The iterator behind `MapReader.entries`: walks the map at the first `next()`, then decodes one
 * entry per call. A class rather than a generator: a generator's suspend and resume cost about as
 * much as the walk itself over a million entries (#15).
 *
 * @module
 */
import type { MapEntry } from "../model/snapshot.ts";
import { DecodeBudget, DEFAULT_DECODE_BUDGET } from "../types/decode.ts";
import type { EntryDecoder } from "../types/entry.ts";
import type { SlotList } from "./_slot_list.ts";

/** Entries decoded one at a time from the pairs a walk finds; done for good after a throw. */
export class EntryIterator implements IterableIterator<MapEntry> {
  #walk: (() => SlotList) | undefined;
  #list: SlotList | undefined;
  #i = 0;
  /** Every entry has the whole default budget: one budget object, refilled. */
  #budget = new DecodeBudget(DEFAULT_DECODE_BUDGET);

  /** `walk` finds the pairs (called once, at the first `next()`); `decode` makes each entry. */
  constructor(walk: () => SlotList, readonly decode: EntryDecoder) {
    this.#walk = walk;
  }

  /** The next entry. Throws what the walk or the decoder throws, and is done after. */
  next(): IteratorResult<MapEntry, undefined> {
    try {
      if (this.#walk) {
        const walk = this.#walk;
        this.#walk = undefined;
        this.#list = walk();
      }
      const list = this.#list;
      if (list === undefined || this.#i >= list.pairs) return { done: true, value: undefined };
      const i = this.#i++;
      this.#budget.left = DEFAULT_DECODE_BUDGET;
      return { done: false, value: this.decode(list.key(i), list.value(i), this.#budget) };
    } catch (e) {
      this.#list = undefined;
      throw e;
    }
  }

  /** The iterator itself (for `for...of`). */
  [Symbol.iterator](): this {
    return this;
  }
}
