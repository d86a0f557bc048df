/**
 * The guest as the run's parts see it: its memory and a map reader, bound once the instance
 * exists (the host's callbacks run only after that).
 *
 * @module
 */
import type { GuestMemory } from "../memory.ts";
import type { MapReader } from "../reader.ts";

/** Memory and reader of the running guest; both absent until the instance is bound. */
export interface GuestRef {
  /** The guest's memory. */
  mem?: GuestMemory;
  /** A map reader over it. */
  reader?: MapReader;
}
