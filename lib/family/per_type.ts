/**
 * What a family reader derives from a map type alone (its spelling, geometry, entry decoder),
 * made once per type object and kept while the type is.
 *
 * @module
 */
import type { GoType } from "../model/gotype.ts";

/** A cache of `make(t)` by type object. */
export class PerType<T> {
  #made = new WeakMap<GoType, T>();
  /** Creates the cache; `make` derives the facts of one type. */
  constructor(readonly make: (t: GoType) => T) {}
  /** The facts of `t`, made on first use. */
  of(t: GoType): T {
    let v = this.#made.get(t);
    if (v === undefined) this.#made.set(t, v = this.make(t));
    return v;
  }
}
