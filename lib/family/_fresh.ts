/**
 * Containers for what one read makes, allocated so that V8 never puts them in the old generation.
 *
 * V8 tracks each array or object literal's allocation site and, once the objects a site made
 * mostly survive collections (the snapshots a run's checkpoints keep do), allocates that site's
 * later objects in the old generation directly. A report's snapshots die young; an old container
 * that is already garbage still keeps its young contents alive through every scavenge until the
 * next full collection, so each scavenge copies and promotes them: 10 ms pauses instead of 1 ms
 * (#15). Arrays made by a builtin (`slice`) and objects made by `new` have no allocation site.
 *
 * @module
 */

/** Never written (not frozen: slicing a frozen array takes a slow path). */
const EMPTY: never[] = [];

/** A new empty array with no allocation site (never allocated old). */
export function freshArray<T>(): T[] {
  return EMPTY.slice();
}
