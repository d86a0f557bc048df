/**
 * The snapshot collector: at a checkpoint, a panic or the end of the run, every map worth
 * showing: the probe's tracked maps, the maps requested by address and type, and the maps the
 * map-write hooks discovered.
 *
 * @module
 */
import { hex } from "../hex.ts";
import type { DiscoveredMap } from "../model/result.ts";
import type { MapSnapshot } from "../model/snapshot.ts";
import type { GuestRef } from "./guest.ts";
import type { MapRequest } from "./options.ts";
import type { ProbeTracker } from "./probe_events.ts";

/** Collects snapshots of every known map. */
export class SnapshotCollector {
  /** Header address to type descriptor (0 when the hook did not see it) of every discovered map. */
  readonly #discovered = new Map<number, number>();

  /** Creates a collector over the probe's tracked maps and the requested ones. */
  constructor(
    readonly guest: GuestRef,
    readonly probe: ProbeTracker,
    readonly requests: readonly MapRequest[] = [],
  ) {}

  /** Records a map a hook saw written; a known type descriptor is never replaced by 0. */
  noteMapWrite(address: number, typeDescriptor: number): void {
    if (typeDescriptor !== 0 || !this.#discovered.has(address)) this.#discovered.set(address, typeDescriptor);
  }

  /** Every discovered map, in order of discovery. */
  discovered(): DiscoveredMap[] {
    return [...this.#discovered].map(([address, typeDescriptor]) => ({ address, typeDescriptor }));
  }

  /** Snapshots of tracked, requested and discovered maps (entries for tracked and discovered as asked). */
  snapshotAll(entries: boolean, occupancy = false): MapSnapshot[] {
    const reader = this.guest.reader;
    if (!reader) return [];
    this.probe.refresh();
    const out = this.probe.tracked.map((t) =>
      reader.trySnapshot(t.address, {
        name: t.name,
        type: { descriptor: t.typeDescriptor },
        entries,
        occupancy,
      })
    );
    for (const r of this.requests) {
      out.push(
        reader.trySnapshot(r.address, {
          name: r.name ?? hex(r.address),
          type: { expression: r.type },
          entries: true,
        }),
      );
    }
    const seen = new Set(out.map((m) => m.address));
    for (const [address, typeDescriptor] of this.#discovered) {
      if (seen.has(address)) continue;
      const snap = reader.trySnapshot(address, {
        name: "map@" + hex(address),
        type: typeDescriptor ? { descriptor: typeDescriptor } : undefined,
        entries,
      });
      // A map written to once but no longer readable there (a runtime temporary on the stack,
      // such as TinyGo's copy during growth) is left out rather than shown as garbage.
      if (snap.error === undefined) out.push(snap);
    }
    return out;
  }
}
