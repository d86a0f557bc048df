/**
 * The probe's side of a run: finds the registry, keeps the tracked maps current, and turns each
 * `probe.Checkpoint` write into a {@linkcode Checkpoint} with the maps as they are.
 *
 * @module
 */
import type { Checkpoint, TrackedMap } from "../model/result.ts";
import type { MapSnapshot } from "../model/snapshot.ts";
import {
  findProbeRegistry,
  parseProbeEvent,
  PROBE_EVENT_FD,
  readProbeRegistry,
  trackedCount,
} from "../probe.ts";
import { Errno } from "../wasi/errno.ts";
import type { GuestRef } from "./guest.ts";
import type { RunOptions } from "./options.ts";
import { keepShape } from "../_keep_shape.ts";

/** The probe's registry and the maps it tracks, re-read only when maps were added. */
export class ProbeTracker {
  #registry: number | undefined;
  /** The maps tracked so far. */
  tracked: TrackedMap[] = [];

  /** Creates a tracker for the guest. */
  constructor(readonly guest: GuestRef) {}

  /** Uses the registry at `address` (as a probe event names it). */
  setRegistry(address: number): void {
    this.#registry = address;
  }

  /** Finds the registry if need be and reads the entries added since the last call. */
  refresh(): void {
    const mem = this.guest.mem;
    if (!mem) return;
    if (this.#registry === undefined) this.#registry = findProbeRegistry(mem);
    if (this.#registry !== undefined && trackedCount(mem, this.#registry) !== this.tracked.length) {
      this.tracked = readProbeRegistry(mem, this.#registry, this.tracked).maps;
    }
  }
}

// one kept, so that the shape of its objects outlives every run (see ../_keep_shape.ts)
keepShape(new ProbeTracker({}));

/**
 * The host's answer to a write to the probe's descriptor: a track event refreshes the registry,
 * a checkpoint event snapshots every map (through `snapshotAll`) and calls `onCheckpoint`.
 * Writes to any other descriptor get EBADF, as in any WASI runtime.
 */
export function probeWriteHandler(
  tracker: ProbeTracker,
  checkpoints: Checkpoint[],
  snapshotAll: (entries: boolean, occupancy: boolean) => MapSnapshot[],
  options: Pick<RunOptions, "checkpointEntries" | "checkpointOccupancy" | "onCheckpoint">,
): (fd: number, data: Uint8Array) => number {
  return (fd, data) => {
    const { mem, reader } = tracker.guest;
    if (fd !== PROBE_EVENT_FD || !mem || !reader) return Errno.EBADF;
    const ev = parseProbeEvent(data);
    if (!ev) return Errno.EINVAL;
    tracker.setRegistry(ev.registry);
    if (ev.kind === "track") {
      tracker.refresh();
      return Errno.SUCCESS;
    }
    const cp: Checkpoint = {
      seq: checkpoints.length + 1,
      label: ev.text,
      maps: snapshotAll(options.checkpointEntries === true, options.checkpointOccupancy === true),
    };
    checkpoints.push(cp);
    options.onCheckpoint?.(cp, { memory: mem, reader, tracked: tracker.tracked });
    return Errno.SUCCESS;
  };
}
