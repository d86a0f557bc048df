/**
 * The map reader: the front door to a guest's maps, whichever runtime built it. It resolves types
 * (runtime descriptors, Go type expressions), caches them, and hands the layout work to the
 * toolchain's family (`lib/family/`).
 *
 * @module
 */
import { toolchainByName } from "./family/detect.ts";
import { MapscopeError } from "./errors.ts";
import type { FamilyReader } from "./family/family.ts";
import { familyOf } from "./family/registry.ts";
import { GuestMemory } from "./memory.ts";
import { type GoType, typeString } from "./model/gotype.ts";
import type { MapEntry, MapSnapshot, ReadSnapshot } from "./model/snapshot.ts";
import type { Toolchain } from "./model/toolchain.ts";
import type { GoRef, GoValue } from "./model/values.ts";
import { decodeValue } from "./types/decode.ts";
import { parseGoType } from "./types/expr.ts";
import type { ModuleInfo } from "./wasm/module.ts";
import { keepShape } from "./_keep_shape.ts";

/** The options of a snapshot given none (one object, not one per call). */
const NO_OPTIONS: SnapshotOptions = Object.freeze({});

/**
 * Where the key and value types of a map come from.
 *
 * @example
 * ```ts
 * import type { MapTypeSource } from "@mapscope/mapscope/layouts";
 * const byExpression: MapTypeSource = { expression: "map[string]int" };
 * const byDescriptor: MapTypeSource = { descriptor: 0x1234 };
 * console.log("expression" in byExpression, "descriptor" in byDescriptor); // true true
 * ```
 */
export type MapTypeSource =
  | { descriptor: number }
  | { expression: string }
  | { type: GoType };

/**
 * Options of {@linkcode MapReader.snapshot}.
 *
 * @example
 * ```ts
 * import type { SnapshotOptions } from "@mapscope/mapscope/layouts";
 * import { MapReader, run } from "@mapscope/mapscope";
 * const r = await run(await Deno.readFile("go-targets/dist/tinygo-0.41.0/hello.wasm"), { deterministic: true });
 * const opts: SnapshotOptions = { name: "greetings", type: { expression: "map[string]int" }, entries: true };
 * console.log(new MapReader(r.memory!, r.toolchain).snapshot(r.tracked[0]!.address, opts).entries?.length); // 3
 * ```
 */
export interface SnapshotOptions {
  /** A name to record with the snapshot. */
  name?: string | undefined;
  /** Where the map comes from, recorded as the snapshot's `origin` ("tracked by the probe"). */
  origin?: string | undefined;
  /** The map's type: a runtime type descriptor address, a Go type expression, or a GoType. */
  type?: MapTypeSource | undefined;
  /** Decode and keep the entries (needs a type). */
  entries?: boolean | undefined;
  /** Record where the entries sit, bucket by bucket or group by group (`occupancy`). */
  occupancy?: boolean | undefined;
  /** Bytes the entries may decode to; past it the snapshot is `truncated` (default 2 MiB + 256 per entry). */
  budget?: number | undefined;
}

/**
 * Reads maps of one running (or finished) guest. Resolves types once per descriptor.
 *
 * @example
 * ```ts
 * import { MapReader, run } from "@mapscope/mapscope";
 * const wasm = await Deno.readFile("go-targets/dist/tinygo-0.41.0/shapes.wasm");
 * const result = await run(wasm, { args: ["shapes"], deterministic: true });
 * const reader = new MapReader(result.memory!, result.toolchain, result.module);
 * const t = result.tracked[0]!;
 * const snap = reader.snapshot(t.address, { type: { descriptor: t.typeDescriptor }, entries: true });
 * console.log(snap.len, snap.entries?.slice(0, 3).map((e) => e.json));
 * ```
 */
export class MapReader {
  #family: FamilyReader;
  #types = new Map<number | string, GoType>();

  /** Creates a reader for `mem`, built by `toolchain`; `module` names hash functions and types. */
  constructor(readonly mem: GuestMemory, readonly toolchain: Toolchain, readonly module?: ModuleInfo) {
    this.#family = familyOf(toolchain).open(mem, toolchain, module);
  }

  /** The map type for a type source, cached. Throws {@linkcode MapscopeError} if it is not a map. */
  mapType(src: MapTypeSource): GoType {
    // keyed by the descriptor (a number) or the expression (a string): no key string made per call
    const key = "descriptor" in src ? src.descriptor : "expression" in src ? src.expression : undefined;
    const hit = key === undefined ? undefined : this.#types.get(key);
    if (hit) return hit;
    const t = "type" in src
      ? src.type
      : "expression" in src
      ? parseGoType(src.expression, this.toolchain.ptrSize)
      : this.#family.typeAt(src.descriptor);
    if (t.kind !== "map") throw new MapscopeError(`type ${typeString(t)} is not a map type`);
    if (key !== undefined) this.#types.set(key, t);
    return t;
  }

  /**
   * Snapshots the map whose header is at `address`. Throws {@linkcode CorruptMapError} when there
   * is no consistent map there, or when the given type does not fit the header.
   */
  snapshot(address: number, options: SnapshotOptions = NO_OPTIONS): ReadSnapshot {
    const type = options.type ? this.mapType(options.type) : undefined;
    return this.#family.snapshot(address, type, options);
  }

  /**
   * Like {@linkcode MapReader.snapshot} but returns the failure as a snapshot with `error`.
   * Never throws a {@linkcode MapscopeError}: the failure is the snapshot's `error`.
   */
  trySnapshot(address: number, options: SnapshotOptions = NO_OPTIONS): MapSnapshot {
    try {
      return this.snapshot(address, options);
    } catch (e) {
      if (!(e instanceof MapscopeError)) throw e;
      return {
        name: options.name,
        origin: options.origin,
        address,
        family: this.toolchain.family,
        len: 0,
        header: {},
        error: e.message,
      };
    }
  }

  /**
   * Streams the entries of the map at `address` (no cap; decoded one at a time).
   * Throws {@linkcode CorruptMapError} when there is no consistent map at `address` or the type does not fit
   * it, and {@linkcode MapscopeError} when the type source is not a map type.
   */
  entries(address: number, type: MapTypeSource): IterableIterator<MapEntry> {
    return this.#family.entries(address, this.mapType(type));
  }

  /**
   * Calls `visit` with every entry's key and value addresses; the fastest full walk. Swiss maps
   * need `type` (their slot geometry depends on it); TinyGo maps do not.
   * Throws {@linkcode CorruptMapError} when there is no consistent map at `address`, and {@linkcode
   * MapscopeError} for a swiss map given no type.
   */
  walk(address: number, visit: (keyAddr: number, valueAddr: number) => void, type?: MapTypeSource): number {
    return this.#family.walk(address, type ? this.mapType(type) : undefined, visit);
  }

  /**
   * A type for a map whose header carries none (TinyGo, found without a probe): the program's one
   * map type that fits, or one made from the header's shape; undefined when not needed or when
   * nothing can be read there.
   * Never throws a {@linkcode MapscopeError}: undefined when nothing can be read.
   */
  inferMapType(address: number): { type: GoType; how: "inferred" | "shape"; note: string } | undefined {
    try {
      return this.#family.inferType?.(address);
    } catch (e) {
      if (e instanceof MapscopeError) return undefined;
      throw e;
    }
  }

  /**
   * Decodes an interface value from its type word and data word, as a panic hook sees them
   * (`dataWordAddr`: where the data word is in memory, when it is). Undefined when the type word
   * is not a type descriptor.
   * Never throws a {@linkcode MapscopeError}: undefined when it cannot be decoded.
   */
  interfaceValue(
    typeWord: number,
    dataWord: number,
    dataWordAddr?: number,
  ): { type: GoType; value: GoValue } | undefined {
    if (typeWord === 0) return undefined;
    try {
      const fr = this.#family;
      const type = fr.typeAt(typeWord);
      let value: GoValue;
      if (!fr.iface.inline(type)) value = decodeValue(this.mem, dataWord, type, fr.iface);
      else if (dataWordAddr !== undefined) value = decodeValue(this.mem, dataWordAddr, type, fr.iface);
      else {
        const word = new Uint8Array(this.toolchain.ptrSize);
        new DataView(word.buffer).setUint32(0, dataWord >>> 0, true);
        value = decodeValue(new GuestMemory(word, this.toolchain.ptrSize), 0, type);
      }
      return { type, value };
    } catch (e) {
      if (e instanceof MapscopeError) return undefined;
      throw e;
    }
  }

  /**
   * Decodes the `t` at a pointer's address, or undefined when it cannot be read.
   * Never throws a {@linkcode MapscopeError}: undefined when it cannot be decoded.
   */
  deref(ref: GoRef, t: GoType): GoValue | undefined {
    try {
      return decodeValue(this.mem, ref.address, t, this.#family.iface);
    } catch (e) {
      if (e instanceof MapscopeError) return undefined;
      throw e;
    }
  }
}

// one reader of each family kept (over an empty memory), so that the shapes of a reader and of
// what it is made of outlive every run (see _keep_shape.ts)
for (const name of ["go1.27.3", "tinygo-0.41.0"]) {
  const tc = toolchainByName(name);
  keepShape(new MapReader(new GuestMemory(new ArrayBuffer(8), tc.ptrSize), tc));
}

/**
 * Snapshots the map at `address` in `memory`, for a module built by `toolchain` (a name such as
 * "tinygo-0.41.0" or a detected {@linkcode Toolchain}): the one-call form of
 * {@linkcode MapReader.snapshot}.
 * Throws as {@linkcode MapReader.snapshot} does, and {@linkcode UnknownToolchainError} for an unknown
 * toolchain name.
 *
 * @example
 * ```ts
 * import { snapshotMap } from "@mapscope/mapscope/layouts";
 * import { run } from "@mapscope/mapscope";
 * const wasm = await Deno.readFile("go-targets/dist/tinygo-0.41.0/shapes.wasm");
 * const result = await run(wasm, { args: ["shapes"], deterministic: true });
 * const t = result.tracked[0]!;
 * const s = snapshotMap(result.memory!, t.address, "tinygo-0.41.0", { type: { descriptor: t.typeDescriptor } });
 * console.log(s.len, s.tinygo?.bucketCount);
 * ```
 */
export function snapshotMap(
  memory: GuestMemory,
  address: number,
  toolchain: Toolchain | string,
  options: SnapshotOptions = {},
  module?: ModuleInfo,
): ReadSnapshot {
  const tc = typeof toolchain === "string" ? toolchainByName(toolchain) : toolchain;
  return new MapReader(memory, tc, module).snapshot(address, options);
}
