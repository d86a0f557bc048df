/**
 * Reads maps out of a guest's memory with the layout of the toolchain that built it.
 *
 * @module
 */
import { type Toolchain, toolchainByName } from "./detect.ts";
import { CorruptMapError, MapscopeError } from "./errors.ts";
import { makeEntry } from "./entry.ts";
import { bucketSize, countOverflowBuckets, readTinyGoHeader, walkTinyGo } from "./layouts/tinygo.ts";
import { GuestMemory } from "./memory.ts";
import type { MapEntry, MapSnapshot } from "./snapshot.ts";
import { parseGoType } from "./types/expr.ts";
import { type GoType, typeString } from "./types/model.ts";
import { tinygoKeyAlgorithm, TinyGoTypes } from "./types/tinygo.ts";
import { decodeValue, GoInterface, type GoRef, type GoValue, type InterfaceReader } from "./values.ts";
import { type ModuleInfo, tableFunctionName } from "./wasm/module.ts";
import { SwissReader } from "./swiss.ts";

/** Where the key and value types of a map come from. */
export type MapTypeSource =
  | { descriptor: number }
  | { expression: string }
  | { type: GoType };

/** Options of {@linkcode MapReader.snapshot}. */
export interface SnapshotOptions {
  /** A name to record with the snapshot. */
  name?: string;
  /** The map's type: a runtime type descriptor address, a Go type expression, or a GoType. */
  type?: MapTypeSource;
  /** Decode and keep the entries (needs a type). */
  entries?: boolean;
}

/**
 * Reads maps of one running (or finished) guest. Resolves types once per descriptor.
 *
 * @example
 * ```ts ignore
 * import { MapReader } from "@mapscope/mapscope";
 * const reader = new MapReader(result.memory!, result.toolchain, result.module);
 * const snap = reader.snapshot(0x31390, { type: { expression: "map[string]int32" }, entries: true });
 * console.log(snap.len, snap.entries?.map((e) => e.json));
 * ```
 */
export class MapReader {
  #tinyTypes?: TinyGoTypes;
  #swiss?: SwissReader;
  #types = new Map<string, GoType>();
  #fnNames = new Map<number, string | undefined>();
  /** How this module's interface values are read (built once; used for every decode). */
  #iface: InterfaceReader;

  /** Creates a reader for `mem`, built by `toolchain`; `module` names hash functions. */
  constructor(readonly mem: GuestMemory, readonly toolchain: Toolchain, readonly module?: ModuleInfo) {
    if (toolchain.family === "tinygo") {
      const types = this.#tinyTypes = new TinyGoTypes(mem);
      this.#iface = { typeAt: (w) => types.read(w), inline: (t) => t.size <= 4 };
    } else {
      this.#swiss = new SwissReader(mem, toolchain, module);
      this.#iface = this.#swiss.ifaceReader;
    }
  }

  /** The map type for a type source, cached. Throws {@linkcode MapscopeError} if it is not a map. */
  mapType(src: MapTypeSource): GoType {
    const cacheKey = "descriptor" in src
      ? `d${src.descriptor}`
      : "expression" in src
      ? `e${src.expression}`
      : "";
    const hit = cacheKey ? this.#types.get(cacheKey) : undefined;
    if (hit) return hit;
    let t: GoType;
    if ("type" in src) t = src.type;
    else if ("expression" in src) t = parseGoType(src.expression, this.toolchain.ptrSize);
    else if (this.#tinyTypes) t = this.#tinyTypes.read(src.descriptor);
    else {
      t = this.#swiss!.types.read(src.descriptor);
      this.#swiss!.types.nameTypes();
    }
    if (t.kind !== "map") throw new MapscopeError(`type ${typeString(t)} is not a map type`);
    if (cacheKey) this.#types.set(cacheKey, t);
    return t;
  }

  /**
   * Snapshots the map whose header is at `address`. Throws {@linkcode CorruptMapError} when there
   * is no consistent map there, or when the given type does not fit the header.
   */
  snapshot(address: number, options: SnapshotOptions = {}): MapSnapshot {
    const type = options.type ? this.mapType(options.type) : undefined;
    if (this.#swiss) return this.#swiss.snapshot(address, type, options);
    return this.#tinySnapshot(address, type, options);
  }

  /** Like {@linkcode MapReader.snapshot} but returns the failure as a snapshot with `error`. */
  trySnapshot(address: number, options: SnapshotOptions = {}): MapSnapshot {
    try {
      return this.snapshot(address, options);
    } catch (e) {
      if (!(e instanceof MapscopeError)) throw e;
      return {
        name: options.name,
        address,
        family: this.toolchain.family,
        len: 0,
        header: {},
        error: e.message,
      };
    }
  }

  /** Streams the entries of the map at `address` (no cap; decoded one at a time). */
  *entries(address: number, type: MapTypeSource): Generator<MapEntry> {
    const t = this.mapType(type);
    if (this.#swiss) {
      yield* this.#swiss.entries(address, t);
      return;
    }
    const h = readTinyGoHeader(this.mem, address);
    const buf: [number, number][] = [];
    this.#checkTinyType(address, h.keySize, h.valueSize, t);
    walkTinyGo(this.mem, address, h, (_b, k, v) => buf.push([k, v]));
    for (const [k, v] of buf) yield this.#tinyEntry(k, v, t);
  }

  /**
   * Calls `visit` with every entry's key and value addresses; the fastest full walk. Swiss maps
   * need `type` (their slot geometry depends on it); TinyGo maps do not.
   */
  walk(address: number, visit: (keyAddr: number, valueAddr: number) => void, type?: MapTypeSource): number {
    if (this.#swiss) {
      if (!type) {
        throw new MapscopeError(
          "a swiss map cannot be walked without its type: pass a descriptor or expression",
        );
      }
      return this.#swiss.walkTyped(address, this.mapType(type), visit);
    }
    const h = readTinyGoHeader(this.mem, address);
    walkTinyGo(this.mem, address, h, (_b, k, v) => visit(k, v));
    return h.count;
  }

  /**
   * Decodes an interface value from its type word and data word, as a panic hook sees them
   * (`dataWordAddr`: where the data word is in memory, when it is). Undefined when the type word
   * is not a type descriptor.
   */
  interfaceValue(
    typeWord: number,
    dataWord: number,
    dataWordAddr?: number,
  ): { type: GoType; value: GoValue } | undefined {
    if (typeWord === 0) return undefined;
    try {
      const tiny = this.#tinyTypes;
      const type = tiny ? tiny.read(typeWord) : this.#swiss!.types.read(typeWord);
      if (!tiny) this.#swiss!.types.nameTypes();
      const inline = tiny ? type.size <= 4 : this.#swiss!.types.directIface(typeWord);
      let value: GoValue;
      if (!inline) value = decodeValue(this.mem, dataWord, type, this.#iface);
      else if (dataWordAddr !== undefined) value = decodeValue(this.mem, dataWordAddr, type, this.#iface);
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

  /** Decodes the `t` at a pointer's address, or undefined when it cannot be read. */
  deref(ref: GoRef, t: GoType): GoValue | undefined {
    try {
      return decodeValue(this.mem, ref.address, t, this.#iface);
    } catch (e) {
      if (e instanceof MapscopeError) return undefined;
      throw e;
    }
  }

  #fnName(slot: number): string | undefined {
    if (!this.module) return undefined;
    if (!this.#fnNames.has(slot)) this.#fnNames.set(slot, tableFunctionName(this.module, slot));
    return this.#fnNames.get(slot);
  }

  #checkTinyType(address: number, keySize: number, valueSize: number, t: GoType): void {
    const alg = tinygoKeyAlgorithm(t.key!);
    const stored = alg === "interface" ? 8 : t.key!.size;
    if (stored !== keySize || t.elem!.size !== valueSize) {
      throw new CorruptMapError(
        address,
        `type ${typeString(t)} stores ${stored}-byte keys and ${t.elem!.size}-byte values, ` +
          `but the header says keySize ${keySize} and valueSize ${valueSize}`,
      );
    }
  }

  #tinyEntry(k: number, v: number, t: GoType): MapEntry {
    const iface = this.#iface;
    const alg = tinygoKeyAlgorithm(t.key!);
    let key: GoValue;
    if (alg === "interface" && t.key!.kind !== "interface") {
      const boxed = decodeValue(this.mem, k, { kind: "interface", size: 8, align: 4 }, iface);
      key = boxed instanceof GoInterface ? boxed.value : boxed;
    } else key = decodeValue(this.mem, k, t.key!, iface);
    const value = decodeValue(this.mem, v, t.elem!, iface);
    return makeEntry(key, value, t);
  }

  #tinySnapshot(address: number, type: GoType | undefined, options: SnapshotOptions): MapSnapshot {
    const h = readTinyGoHeader(this.mem, address);
    const bucketCount = 2 ** h.bucketBits;
    const tinygo = {
      bucketCount,
      bucketSize: bucketSize(h),
      bucketsAddress: h.buckets,
      loadFactor: h.count / (8 * bucketCount),
      overflowBuckets: countOverflowBuckets(this.mem, address, h),
      keyHash: this.#fnName(h.keyHash.index),
      keyEqual: this.#fnName(h.keyEqual.index),
      keyAlgorithm: type ? tinygoKeyAlgorithm(type.key!) : undefined,
    };
    if (type) {
      this.#checkTinyType(address, h.keySize, h.valueSize, type);
      const expect = {
        binary: "runtime.hash32",
        string: "runtime.hashmapStringPtrHash",
        interface: "runtime.hashmapInterfacePtrHash",
      }[
        tinygo.keyAlgorithm!
      ];
      if (tinygo.keyHash && tinygo.keyHash !== expect) {
        throw new CorruptMapError(
          address,
          `type ${typeString(type)} hashes keys with ${expect}, but the map's keyHash is ${tinygo.keyHash}`,
        );
      }
    }
    let entries: MapEntry[] | undefined;
    if (options.entries && type) {
      entries = [];
      const list = entries;
      walkTinyGo(this.mem, address, h, (_b, k, v) => list.push(this.#tinyEntry(k, v, type)));
    }
    return Object.freeze({
      name: options.name,
      address,
      family: "tinygo" as const,
      len: h.count,
      header: {
        buckets: h.buckets,
        seed: h.seed,
        count: h.count,
        keySize: h.keySize,
        valueSize: h.valueSize,
        bucketBits: h.bucketBits,
        keyEqualContext: h.keyEqual.context,
        keyEqual: h.keyEqual.index,
        keyHashContext: h.keyHash.context,
        keyHash: h.keyHash.index,
      },
      tinygo,
      keyType: type ? typeString(type.key!) : undefined,
      elemType: type ? typeString(type.elem!) : undefined,
      entries: entries ? Object.freeze(entries) : undefined,
    });
  }
}

/** Overflow buckets and longest chain of a TinyGo map (walks every bucket). */
export function tinygoBucketStats(
  mem: GuestMemory,
  address: number,
): { overflowBuckets: number; maxChain: number } {
  const h = readTinyGoHeader(mem, address);
  return walkTinyGo(mem, address, h, () => {});
}

/**
 * Snapshots the map at `address` in `memory`, for a module built by `toolchain` (a name such as
 * "tinygo-0.41.0" or a detected {@linkcode Toolchain}): the one-call form of
 * {@linkcode MapReader.snapshot}.
 *
 * @example
 * ```ts ignore
 * import { snapshotMap } from "@mapscope/mapscope";
 * const s = snapshotMap(result.memory!, 0x31440, "tinygo-0.41.0", { type: { expression: "map[string]int" }, entries: true });
 * console.log(s.len, s.tinygo?.bucketCount, s.entries?.map((e) => e.json));
 * ```
 */
export function snapshotMap(
  memory: GuestMemory,
  address: number,
  toolchain: Toolchain | string,
  options: SnapshotOptions = {},
  module?: ModuleInfo,
): MapSnapshot {
  const tc = typeof toolchain === "string" ? toolchainByName(toolchain) : toolchain;
  return new MapReader(memory, tc, module).snapshot(address, options);
}
