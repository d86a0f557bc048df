/**
 * Objects kept for the life of the process, so that V8 keeps their shapes.
 *
 * V8 gives the objects of a class a shape (a "map") reached by transitions from the class's
 * first one, and holds those transitions weakly: once no object of a shape is left, a full
 * garbage collection frees the shape, and every optimized function compiled against it is thrown
 * away with it ("embedded weak objects cleared" under `--trace-deopt`), to run unoptimized until
 * it is hot again. A host lives for one run, so a full collection between two runs threw away
 * the optimized code of every WASI function: a TinyGo `hello`'s host calls took 41-45 µs per run
 * after one, against 24-26 µs before it, and stayed there until the functions were optimized
 * again, only to lose it at the next full collection (#15). One object of each such class kept
 * alive keeps its shape, and the code compiled against it.
 *
 * @module
 */

const kept: object[] = [];

/** Keeps `o` alive for the life of the process (see the module doc), and returns it. */
export function keepShape<T extends object>(o: T): T {
  kept.push(o);
  return o;
}
