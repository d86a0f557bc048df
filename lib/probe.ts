/**
 * The host side of the Go probe package (`go-targets/probe`): finding its registry in linear
 * memory and reading the maps it tracks.
 *
 * Registry layout (all little-endian uint32): 0 magic "mapscope.probe.1", 16 self address,
 * 20 version, 24 count, 28 checkpoint sequence, 32 entries[256] of {namePtr, nameLen, header,
 * typeDescriptor}. Events are written to fd {@linkcode PROBE_EVENT_FD}: one kind byte ('T' track,
 * 'C' checkpoint), the registry address (u32), then the name or label.
 *
 * @module
 */
import type { GuestMemory } from "./memory.ts";
import type { TrackedMap } from "./model/result.ts";

export type { TrackedMap };

/** The 16-byte magic at the start of the probe's registry. */
export const PROBE_MAGIC = "mapscope.probe.1";
/** The file descriptor probe events are written to ("MSCP"). */
export const PROBE_EVENT_FD = 0x4d534350;
/** Entries the registry holds. */
export const PROBE_MAX_MAPS = 256;

/** Registry offsets (little-endian uint32 fields, then 16-byte entries). */
const REG = { self: 16, count: 24, seq: 28, entries: 32, entrySize: 16 } as const;

/** A probe event decoded from an fd write. */
export interface ProbeEvent {
  /** "track" or "checkpoint". */
  kind: "track" | "checkpoint";
  /** Address of the registry. */
  registry: number;
  /** The map name (track) or label (checkpoint). */
  text: string;
}

const magicBytes = new TextEncoder().encode(PROBE_MAGIC);

/** Decodes a write to {@linkcode PROBE_EVENT_FD}; undefined if it is not a probe event. */
export function parseProbeEvent(data: Uint8Array): ProbeEvent | undefined {
  if (data.length < 5 || (data[0] !== 0x54 && data[0] !== 0x43)) return undefined;
  const registry = data[1] | data[2] << 8 | data[3] << 16 | (data[4] << 24 >>> 0);
  return {
    kind: data[0] === 0x54 ? "track" : "checkpoint",
    registry: registry >>> 0,
    text: new TextDecoder().decode(data.subarray(5)),
  };
}

/** Whether a valid registry (magic and self pointer) is at `addr`. */
export function isRegistry(mem: GuestMemory, addr: number): boolean {
  if (!mem.contains(addr, 32)) return false;
  const b = mem.view(addr, 16);
  for (let i = 0; i < 16; i++) if (b[i] !== magicBytes[i]) return false;
  return mem.u32(addr + REG.self) === addr;
}

/**
 * Scans memory for the probe's registry (the magic followed by a pointer to itself), so a
 * registry is found without being told where.
 * Never throws: undefined when no registry is in memory.
 *
 * @example
 * ```ts
 * import { findProbeRegistry } from "@mapscope/mapscope/run";
 * import { run } from "@mapscope/mapscope";
 * const result = await run(await Deno.readFile("go-targets/dist/tinygo-0.41.0/hello.wasm"));
 * console.log(findProbeRegistry(result.memory!) !== undefined); // true
 * ```
 */
export function findProbeRegistry(mem: GuestMemory): number | undefined {
  const bytes = mem.u8array();
  for (let i = bytes.indexOf(magicBytes[0]); i !== -1; i = bytes.indexOf(magicBytes[0], i + 1)) {
    if (i % 4 === 0 && isRegistry(mem, i)) return i;
  }
  return undefined;
}

/**
 * Reads the tracked maps and checkpoint sequence from the registry at `addr`. Entries are only
 * ever appended, so passing the list read last time reads only what was added since.
 * Throws {@linkcode MemoryAccessError} when the registry or an entry lies outside memory.
 *
 * @example
 * ```ts
 * import { findProbeRegistry, readProbeRegistry } from "@mapscope/mapscope/run";
 * import { run } from "@mapscope/mapscope";
 * const r = await run(await Deno.readFile("go-targets/dist/tinygo-0.41.0/hello.wasm"));
 * const reg = findProbeRegistry(r.memory!)!;
 * console.log(readProbeRegistry(r.memory!, reg).maps.map((m) => m.name)); // ["greetings"]
 * ```
 */
export function readProbeRegistry(
  mem: GuestMemory,
  addr: number,
  known: readonly TrackedMap[] = [],
): { seq: number; maps: TrackedMap[] } {
  const count = trackedCount(mem, addr);
  const maps = known.length <= count ? known.slice() : [];
  for (let i = maps.length; i < count; i++) {
    const e = addr + REG.entries + REG.entrySize * i;
    maps.push({
      name: mem.text(mem.u32(e), mem.u32(e + 4)),
      address: mem.u32(e + 8),
      typeDescriptor: mem.u32(e + 12),
    });
  }
  return { seq: mem.u32(addr + REG.seq), maps };
}

/** How many maps the registry at `addr` tracks now (capped at {@linkcode PROBE_MAX_MAPS}). */
export function trackedCount(mem: GuestMemory, addr: number): number {
  return Math.min(mem.u32(addr + REG.count), PROBE_MAX_MAPS);
}
