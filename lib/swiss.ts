/**
 * Walks Go swiss-table maps: small maps (one group), directories of tables (each table visited
 * once, by its `index`), groups of 8 control bytes and 8 slots, indirect keys and elems, both
 * group layouts.
 *
 * @module
 */
import type { Toolchain } from "./detect.ts";
import { CorruptMapError, MapscopeError } from "./errors.ts";
import { makeEntry } from "./entry.ts";
import { readSwissHeader, SWISS_MAP, type SwissHeader } from "./layouts/swiss.ts";
import type { GuestMemory } from "./memory.ts";
import type { MapEntry, MapSnapshot, SwissTable } from "./snapshot.ts";
import { AbiTypes, computeGeometry, type GroupGeometry } from "./types/abi.ts";
import { type GoType, typeString } from "./types/model.ts";
import { decodeValue, type InterfaceReader } from "./values.ts";
import type { ModuleInfo } from "./wasm/module.ts";

/** Reads swiss maps of one Go module. */
export class SwissReader {
  /** The module's type descriptors. */
  readonly types: AbiTypes;
  #iface: InterfaceReader;
  /** How this module's interface values are read. */
  get ifaceReader(): InterfaceReader {
    return this.#iface;
  }

  /** Creates a reader for a Go module's memory. */
  constructor(readonly mem: GuestMemory, readonly toolchain: Toolchain, readonly module?: ModuleInfo) {
    this.types = new AbiTypes(mem, toolchain.version.startsWith("go1.26") ? "go1.26" : "go1.27", module);
    this.#iface = {
      typeAt: (w) => {
        try {
          return this.types.read(w);
        } catch (e) {
          if (e instanceof MapscopeError) return undefined;
          throw e;
        }
      },
      inline: (t) => t.descriptor !== undefined && this.types.directIface(t.descriptor),
    };
  }

  /** The group geometry for a map type: from its descriptor, else computed for this toolchain. */
  geometry(t: GoType): GroupGeometry {
    if (t.descriptor !== undefined) return this.types.geometry(t.descriptor);
    const split = this.toolchain.experiments.includes("mapsplitgroup");
    return computeGeometry(t.key!, t.elem!, split ? "split" : "interleaved");
  }

  /** The distinct tables of a map with a directory, in directory order. */
  tables(address: number, h: SwissHeader): SwissTable[] {
    const out: SwissTable[] = [];
    if (h.dirLen === 0) return out;
    const m = this.mem;
    const T = SWISS_MAP.table;
    if (!m.contains(h.dirPtr, 8 * h.dirLen)) {
      throw new CorruptMapError(address, "directory is outside memory");
    }
    for (let i = 0; i < h.dirLen; i++) {
      const t = m.ptr(h.dirPtr + 8 * i);
      if (!m.contains(t, T.size)) {
        throw new CorruptMapError(address, `directory slot ${i} points outside memory`);
      }
      const index = Number(m.i64(t + T.index));
      if (index > i || index < 0) throw new CorruptMapError(address, `table in slot ${i} has index ${index}`);
      if (index !== i) continue;
      const localDepth = m.u8(t + T.localDepth);
      if (localDepth > h.globalDepth) {
        throw new CorruptMapError(
          address,
          `table localDepth ${localDepth} exceeds globalDepth ${h.globalDepth}`,
        );
      }
      out.push({
        address: t,
        index,
        used: m.u16(t + T.used),
        capacity: m.u16(t + T.capacity),
        growthLeft: m.u16(t + T.growthLeft),
        localDepth,
        groups: m.ptr(t + T.groupsData),
      });
    }
    return out;
  }

  /** Calls `visit(group, slot)` for every full slot; returns how many. Checks the count against `used`. */
  #slots(
    address: number,
    h: SwissHeader,
    groupSize: number,
    visit: (group: number, slot: number) => void,
  ): number {
    const m = this.mem;
    const bytes = m.u8array();
    let found = 0;
    const group = (g: number) => {
      if (g + groupSize > bytes.length) {
        throw new CorruptMapError(address, `group 0x${g.toString(16)} is outside memory`);
      }
      for (let s = 0; s < 8; s++) {
        if ((bytes[g + s] & 0x80) === 0) {
          found++;
          visit(g, s);
        }
      }
    };
    if (h.dirLen === 0) {
      if (h.dirPtr !== 0) group(h.dirPtr);
    } else {
      for (const t of this.tables(address, h)) {
        const n = Number(m.u64(t.address + SWISS_MAP.table.groupsLengthMask)) + 1;
        if (n * 8 !== t.capacity) {
          throw new CorruptMapError(
            address,
            `table at 0x${t.address.toString(16)}: ${n} groups but capacity ${t.capacity}`,
          );
        }
        for (let j = 0; j < n; j++) group(t.groups + j * groupSize);
      }
    }
    if (found !== h.used) {
      throw new CorruptMapError(address, `found ${found} full slots but used is ${h.used}`);
    }
    return found;
  }

  #addrs(g: number, s: number, geo: GroupGeometry): [number, number] {
    let k = g + geo.keysOff + s * geo.keyStride;
    let e = g + geo.elemsOff + s * geo.elemStride;
    if (geo.indirectKey) k = this.mem.ptr(k);
    if (geo.indirectElem) e = this.mem.ptr(e);
    return [k, e];
  }

  /** Visits key and elem addresses of every entry. */
  walkTyped(address: number, t: GoType, visit: (k: number, e: number) => void): number {
    const h = readSwissHeader(this.mem, address);
    const geo = this.geometry(t);
    return this.#slots(address, h, geo.groupSize, (g, s) => {
      const [k, e] = this.#addrs(g, s, geo);
      visit(k, e);
    });
  }

  #entry(k: number, e: number, t: GoType): MapEntry {
    try {
      const key = decodeValue(this.mem, k, t.key!, this.#iface);
      const value = decodeValue(this.mem, e, t.elem!, this.#iface);
      return makeEntry(key, value, t);
    } catch (err) {
      if (err instanceof MapscopeError) {
        throw new CorruptMapError(k, `cannot decode an entry as ${typeString(t)}: ${err.message}`);
      }
      throw err;
    }
  }

  /** Streams decoded entries. */
  *entries(address: number, t: GoType): Generator<MapEntry> {
    const list: [number, number][] = [];
    this.walkTyped(address, t, (k, e) => list.push([k, e]));
    for (const [k, e] of list) yield this.#entry(k, e, t);
  }

  /** Snapshots the map at `address`. */
  snapshot(
    address: number,
    type: GoType | undefined,
    options: { name?: string; entries?: boolean },
  ): MapSnapshot {
    const h = readSwissHeader(this.mem, address);
    const tables = this.tables(address, h);
    const geo = type ? this.geometry(type) : undefined;
    let entries: MapEntry[] | undefined;
    if (type && geo) {
      const list: MapEntry[] = [];
      const keep = options.entries === true;
      // Walking checks the slot count against `used` even when entries are not kept.
      this.#slots(address, h, geo.groupSize, (g, s) => {
        if (!keep) return;
        const [k, e] = this.#addrs(g, s, geo);
        list.push(this.#entry(k, e, type));
      });
      if (keep) entries = list;
    }
    return Object.freeze({
      name: options.name,
      address,
      family: "go" as const,
      len: h.used,
      header: h,
      swiss: {
        small: h.dirLen === 0,
        tables,
        groupLayout: geo?.layout ??
          (this.toolchain.experiments.includes("mapsplitgroup") ? "split" : "interleaved"),
        groupSize: geo?.groupSize ?? 0,
      },
      keyType: type ? typeString(type.key!) : undefined,
      elemType: type ? typeString(type.elem!) : undefined,
      entries: entries ? Object.freeze(entries) : undefined,
    });
  }
}
