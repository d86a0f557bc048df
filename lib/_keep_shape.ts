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
 * again, only to lose it at the next full collection (#15). The map reader and the text report
 * lost theirs the same way: a reader, its memory, its snapshots and their entry tables live for
 * one run too, and a full collection threw away 72-76 of their functions; the next 102-map report
 * took 0.63-0.83 ms instead of 0.25-0.3. One object of each such class kept alive keeps its
 * shape, and the code compiled against it: a host, a reader of each family over an empty
 * memory, and one record of each kind a snapshot is made of, each kept beside its class. (A
 * field that holds a number too large for a small integer in real use holds one in the kept
 * object too: such a field changes its object's shape when it is first stored.)
 *
 * @module
 */

const kept: object[] = [];

/** Keeps `o` alive for the life of the process (see the module doc), and returns it. */
export function keepShape<T extends object>(o: T): T {
  kept.push(o);
  return o;
}
