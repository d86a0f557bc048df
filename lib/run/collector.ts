/**
 * The snapshot collector: at a checkpoint, a panic or the end of the run, every map worth
 * showing: the probe's tracked maps, the maps requested by address and type, and the maps the
 * map-write hooks discovered.
 *
 * @module
 */
import { familyOf } from "../family/registry.ts";
import { hex } from "../hex.ts";
import type { DiscoveredMap } from "../model/result.ts";
import type { MapSnapshot } from "../model/snapshot.ts";
import type { GuestRef } from "./guest.ts";
import type { MapRequest } from "./options.ts";
import { ProbeTracker } from "./probe_events.ts";
import { ownerNote } from "./_owner.ts";
import { keepShape } from "../_keep_shape.ts";

/** The source of a pending growth that is a clone whose result is not known yet. */
const CLONE_PENDING = -1;

/** Collects snapshots of every known map. */
export class SnapshotCollector {
  /** Header address to type descriptor (0 when the hook did not see it) of every discovered map. */
  readonly #discovered = new Map<number, number>();

  /** Creates a collector over the probe's tracked maps and the requested ones. */
  constructor(
    readonly guest: GuestRef,
    readonly probe: ProbeTracker,
    readonly requests: readonly MapRequest[] = [],
    /** Whether every map is being looked for (`allMaps`): package-level map variables are shown too. */
    readonly statics = false,
  ) {}

  /** The code that first wrote each discovered map, when the hook saw it. */
  readonly #origins = new Map<number, string>();
  /** Reported map writes so far, and the number of each discovered map's latest. */
  #writes = 0;
  readonly #lastWrite = new Map<number, number>();
  /** Headers the runtime filled while growing a map and then copied over it: never reported. */
  readonly #temporaries = new Set<number>();
  /**
   * A copy in progress: growth of `source` (after a write that may grow it, or at TinyGo's
   * hashmapCopy), or a clone whose result is not known yet (`source` CLONE_PENDING); `scratch`
   * is the header hashmapCopy returns its copy through; `target` the fresh header written since,
   * the runtime's temporary or, if it turns out not to share the copy's storage, a map.
   */
  #growth?: { source: number; scratch?: number; target?: number } | undefined;

  /**
   * Records a map a hook saw written; a known type descriptor is never replaced by 0.
   *
   * How growth temporaries are told from maps, on one thread where the order of hook events is
   * deterministic: a write that may grow its map (the family says so) can be followed by writes
   * into one fresh header, the copy the runtime fills before copying it over the map. At the next
   * other event (or snapshot), the fresh header is a temporary if it shares its storage with the
   * map it came from (the copy-over happened), else it is a map of its own (a program that
   * happened to write a new map next).
   */
  noteMapWrite(address: number, typeDescriptor: number, mayGrow = false, caller?: number): void {
    const g = this.#growth;
    if (
      g && address !== g.source &&
      (g.target === undefined ? !this.#discovered.has(address) : g.target === address)
    ) {
      g.target = address;
      return;
    }
    this.#settleGrowth();
    this.#temporaries.delete(address);
    if (caller !== undefined && !this.#origins.has(address)) {
      const { mem, reader } = this.guest;
      const p = mem && reader
        ? familyOf(reader.toolchain).callerPosition(mem, caller, reader.module)
        : undefined;
      if (p) {
        const where = p.function + (p.file ? ` (${p.file}${p.line !== undefined ? ":" + p.line : ""})` : "");
        this.#origins.set(
          address,
          `first written in ${where}${ownerNote(p)}`,
        );
      }
    }
    if (typeDescriptor !== 0 || !this.#discovered.has(address)) this.#discovered.set(address, typeDescriptor);
    this.#lastWrite.set(address, ++this.#writes);
    if (mayGrow) this.#growth = { source: address };
  }

  /** The map maps.Clone is copying, between its start and its result (Go). */
  #cloneSource?: number | undefined;

  /**
   * Records that the runtime began growing `source`, returning the copy through `scratch`
   * (TinyGo's hashmapCopy). The copy is filled in a fresh header (`scratch` itself, or one the
   * runtime allocates); the writes into it are held, and it is a temporary once it shares the
   * map's or the scratch's storage, decided at the next other event as for a flagged write.
   */
  noteGrowthStart(source: number, scratch: number): void {
    this.#settleGrowth();
    this.#growth = { source, scratch };
  }

  /**
   * Records that maps.Clone began copying `source` (the result is reported at the return).
   * TinyGo's copy returns through `scratch`; the header it fills is held as a growth temporary's
   * is. Where maps.clone is inlined (no return to hook), the scratch is the result: it becomes the
   * clone when the copy is settled.
   */
  noteCloneStart(source: number, scratch?: number): void {
    this.#settleGrowth();
    this.#cloneSource = source;
    if (scratch !== undefined) this.#growth = { source: CLONE_PENDING, scratch };
  }

  /**
   * Records a map made by maps.Clone: discovered with the type the hook saw, named after its
   * source; TinyGo's scratch header is decided now (a temporary: it shares the result's storage).
   */
  noteClone(address: number, typeDescriptor: number, source = this.#cloneSource): void {
    if (this.#growth?.source === CLONE_PENDING) this.#growth.source = address;
    this.#settleGrowth();
    this.#cloneSource = undefined;
    this.#temporaries.delete(address);
    if (typeDescriptor !== 0 || !this.#discovered.has(address)) this.#discovered.set(address, typeDescriptor);
    this.#lastWrite.set(address, ++this.#writes);
    // a clone has its source's type: a source seen without one (TinyGo) gets the clone's
    if (typeDescriptor !== 0 && source !== undefined && this.#discovered.get(source) === 0) {
      this.#discovered.set(source, typeDescriptor);
    }
    if (!this.#origins.has(address)) {
      const of = source === undefined
        ? "a map"
        : this.#origins.has(source)
        ? `the map ${
          this.#origins.get(source)!.replace(/; the runtime's or standard library's own map$/, "")
        }`
        : `the map at ${hex(source)}`;
      this.#origins.set(address, `made by maps.Clone of ${of}`);
    }
  }

  /**
   * Decides the pending copy, if any: the fresh header is a temporary if it shares the storage of
   * the map it came from or of the scratch it was returned through, else a map of its own; a
   * clone with no result reported has its scratch for result.
   */
  #settleGrowth(): void {
    const g = this.#growth;
    this.#growth = undefined;
    const { mem, reader } = this.guest;
    if (!g || !mem || !reader) return;
    const family = familyOf(reader.toolchain);
    if (g.source === CLONE_PENDING && g.scratch !== undefined) {
      this.noteClone(g.scratch, 0);
      g.source = g.scratch;
    }
    const t = g.target;
    if (t === undefined) return;
    const copied = family.sameStorage(mem, g.source, t) ||
      (g.scratch !== undefined && g.scratch !== t && family.sameStorage(mem, g.scratch, t));
    if (copied) {
      this.#temporaries.add(t);
      this.#origins.delete(t);
    } else if (!this.#discovered.has(t)) this.#discovered.set(t, 0);
  }

  /** Every discovered map, in order of discovery (growth temporaries left out). */
  discovered(): DiscoveredMap[] {
    this.#settleGrowth();
    return [...this.#discovered].filter(([a]) => !this.#temporaries.has(a)).map((
      [address, typeDescriptor],
    ) => ({
      address,
      typeDescriptor,
    }));
  }

  /** Snapshots of tracked, requested and discovered maps (entries for tracked and discovered as asked). */
  snapshotAll(entries: boolean, occupancy = false): MapSnapshot[] {
    const reader = this.guest.reader;
    if (!reader) return [];
    this.#settleGrowth();
    this.probe.refresh();
    const out = this.probe.tracked.map((t) =>
      reader.trySnapshot(t.address, {
        name: t.name,
        origin: "tracked by the probe",
        type: { descriptor: t.typeDescriptor },
        entries,
        occupancy,
      })
    );
    for (const r of this.requests) {
      out.push(reader.trySnapshot(r.address, {
        name: r.name ?? hex(r.address),
        origin: `given with --map as ${r.type}`,
        type: { expression: r.type },
        entries: true,
      }));
    }
    const seen = new Set(out.map((m) => m.address));
    // package-level map variables the binary locates (TinyGo's DWARF): their maps by Go name,
    // written during the run or not
    const globals = new Map<number, { name: string; line?: number | undefined }>();
    if (this.statics && this.guest.mem) {
      for (const g of familyOf(reader.toolchain).staticMaps?.(this.guest.mem, reader.module) ?? []) {
        if (!globals.has(g.header)) globals.set(g.header, g);
      }
    }
    const candidates = new Map(this.#discovered);
    for (const a of globals.keys()) if (!candidates.has(a)) candidates.set(a, 0);
    // Storage (TinyGo's buckets, swiss's group or directory) -> the map that holds it. Two live
    // maps never share storage; a header that does is a map no longer live (its memory freed and
    // its storage reused, or a copy left behind): of the discovered ones, the most recently
    // written keeps it, and one sharing a tracked map's storage is left out.
    const owners = new Map<number, { index: number; written: number }>();
    for (const m of out) {
      if (m.error === undefined) owners.set(familyOf(m).shape(m).address, { index: -1, written: Infinity });
    }
    const found: (MapSnapshot | undefined)[] = [];
    for (const [address, typeDescriptor] of candidates) {
      if (seen.has(address) || this.#temporaries.has(address)) continue;
      // a header with no type of its own (TinyGo): the program's one map type that fits, or its shape
      const inferred = typeDescriptor ? undefined : reader.inferMapType(address);
      const global = globals.get(address);
      const named = global
        ? `the package-level variable ${global.name}${
          global.line ? ` (line ${global.line})` : ""
        }, named by DWARF`
        : undefined;
      const written = this.#origins.get(address) ??
        (this.#discovered.has(address) ? "found by --all-maps" : "not written during the run");
      const origin = named ? `${named}; ${written}` : written;
      const snap = reader.trySnapshot(address, {
        name: global?.name ?? "map@" + hex(address),
        origin: inferred ? `${origin}; ${inferred.note}` : origin,
        type: typeDescriptor
          ? { descriptor: typeDescriptor }
          : inferred
          ? { type: inferred.type }
          : undefined,
        entries,
      });
      // A map written to once but no longer readable there is left out rather than shown as garbage.
      if (snap.error === undefined) {
        const storage = familyOf(snap).shape(snap).address;
        const when = this.#lastWrite.get(address) ?? -1;
        const owner = storage !== 0 ? owners.get(storage) : undefined;
        if (owner && owner.written >= when) continue; // a newer map holds this storage
        if (owner) found[owner.index] = undefined; // this one is newer: the other is no longer live
        if (storage !== 0) owners.set(storage, { index: found.length, written: when });
        found.push(snap);
      }
    }
    for (const m of found) if (m) out.push(m);
    return out;
  }
}

// one kept, so that the shape of its objects outlives every run (see ../_keep_shape.ts)
keepShape(new SnapshotCollector({}, new ProbeTracker({})));
