/**
 * Which toolchain built a module, from its bytes alone: the `producers` custom section names
 * TinyGo or Go's cmd/compile with a version, and Go's runtime version string carries experiments
 * (`go1.27.3-X:mapsplitgroup`). The map layout is chosen by the range of releases it covers
 * (`family/layouts.ts`), not by the exact build.
 *
 * @module
 */
import { UnknownToolchainError } from "../errors.ts";
import { decodeU32 } from "../wasm/_leb128.ts";
import { layoutFor, MAP_LAYOUTS, type MapLayout, nearestLayout } from "./layouts.ts";
import type { FamilyId } from "../model/snapshot.ts";
import type { LayoutName, Toolchain } from "../model/toolchain.ts";
import type { ModuleInfo } from "../wasm/module.ts";

export type { LayoutName, Toolchain };

/**
 * The builds the layouts were verified on here (the committed targets), in order.
 *
 * @example
 * ```ts
 * import { KNOWN_TOOLCHAINS } from "@mapscope/mapscope/layouts";
 * console.log(KNOWN_TOOLCHAINS.join(", "));
 * ```
 */
export const KNOWN_TOOLCHAINS: readonly string[] = MAP_LAYOUTS.map((l) => l.verifiedOn);

function producers(info: ModuleInfo): string {
  const p = info.custom.get("producers");
  return p ? new TextDecoder().decode(p) : "";
}

function indexOf(hay: Uint8Array, needle: Uint8Array, from = 0): number {
  const first = needle[0]!;
  outer: for (
    let i = hay.indexOf(first, from);
    i !== -1 && i <= hay.length - needle.length;
    i = hay.indexOf(first, i + 1)
  ) {
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function toolchain(layout: MapLayout, version: string, experiments: string[], note?: string): Toolchain {
  const tiny = layout.family === "tinygo";
  const name = (tiny ? `tinygo-${version}` : version) + (layout.splitGroups ? "-mapsplitgroup" : "");
  return {
    name,
    family: layout.family,
    version,
    experiments,
    ptrSize: tiny ? 4 : 8,
    layout: layout.name,
    layoutNote: note ?? `${layout.label} layout, verified on ${layout.verifiedOn}`,
  };
}

function outOfRange(family: FamilyId, version: string, split: boolean, found: string): UnknownToolchainError {
  const near = nearestLayout(family, version, split);
  return new UnknownToolchainError(
    found,
    `no map layout covers it; the nearest is ${near.name} (${near.label}, verified on ${near.verifiedOn}): ` +
      `pass toolchain "${near.name}" with forceToolchain to read it with that layout`,
  );
}

/**
 * Turns a name into a {@linkcode Toolchain}: a layout (`go1.26`, `go1.27-mapsplitgroup`,
 * `tinygo-0.41`) or a build a layout covers (`go1.26.3`, `go1.27.3-mapsplitgroup`,
 * `tinygo-0.41.0`). Throws {@linkcode UnknownToolchainError} for anything else.
 *
 * @example
 * ```ts
 * import { toolchainByName } from "@mapscope/mapscope/layouts";
 * console.log(toolchainByName("go1.27.3-mapsplitgroup").experiments); // ["mapsplitgroup"]
 * console.log(toolchainByName("go1.26.3").layoutNote); // go1.26 swiss layout, verified on go1.26.8
 * ```
 */
export function toolchainByName(name: string): Toolchain {
  if (name === "none" || name === "wasi") return plainToolchain();
  const byLayout = MAP_LAYOUTS.find((l) => l.name === name);
  if (byLayout) {
    const version = byLayout.verifiedOn.replace(/^tinygo-/, "").replace(/-mapsplitgroup$/, "");
    const t = toolchain(byLayout, version, byLayout.splitGroups ? ["mapsplitgroup"] : []);
    return {
      ...t,
      name: byLayout.name,
      layoutNote: `${byLayout.label} layout (given), verified on ${byLayout.verifiedOn}`,
    };
  }
  const tiny = /^tinygo-(\d+\.\d+\.\d+)$/.exec(name);
  const go = /^(go1\.\d+(?:\.\d+|rc\d+|beta\d+)?)(-mapsplitgroup)?$/.exec(name);
  const [family, version, split]: [FamilyId, string, boolean] | [undefined, undefined, false] = tiny
    ? ["tinygo", tiny[1]!, false]
    : go
    ? ["go", go[1]!, go[2] !== undefined]
    : [undefined, undefined, false];
  if (!family) throw new UnknownToolchainError(name);
  const layout = layoutFor(family, version, split);
  if (!layout) throw outOfRange(family, version, split, name);
  return toolchain(layout, version, split ? ["mapsplitgroup"] : []);
}

/**
 * Detects the toolchain that built `bytes` and the layout that covers it. Throws
 * {@linkcode UnknownToolchainError} naming the version and the nearest layout when no layout covers
 * a TinyGo or Go version; a module with no TinyGo or Go producer is a plain WASI program
 * ({@linkcode plainToolchain}).
 *
 * @example
 * ```ts
 * import { detectToolchain } from "@mapscope/mapscope/layouts";
 * import { parseModule } from "@mapscope/mapscope/wasm";
 * const bytes = await Deno.readFile("go-targets/dist/go1.27.3-mapsplitgroup/hello.wasm");
 * console.log(detectToolchain(bytes, parseModule(bytes)).name); // "go1.27.3-mapsplitgroup"
 * ```
 */
export function detectToolchain(bytes: Uint8Array, info: ModuleInfo): Toolchain {
  const prod = producers(info);
  const tiny = /TinyGo.([0-9]+\.[0-9]+\.[0-9]+)/.exec(prod);
  if (tiny) {
    const version = tiny[1]!;
    const layout = layoutFor("tinygo", version, false);
    if (!layout) throw outOfRange("tinygo", version, false, `tinygo-${version}`);
    return toolchain(layout, version, []);
  }
  const go = /cmd\/compile.(go1\.[0-9]+(?:\.[0-9]+|rc[0-9]+|beta[0-9]+)?)/.exec(prod);
  if (go) {
    const version = go[1]!;
    const experiments: string[] = [];
    const tag = new TextEncoder().encode(version + "-X:");
    const at = indexOf(bytes, tag);
    if (at >= 0) {
      let end = at + tag.length;
      while (end < bytes.length && /[a-z0-9,]/.test(String.fromCharCode(bytes[end]!))) end++;
      experiments.push(
        ...new TextDecoder().decode(bytes.subarray(at + tag.length, end)).split(",").filter(Boolean),
      );
    }
    const split = experiments.includes("mapsplitgroup");
    const layout = layoutFor("go", version, split);
    if (!layout) throw outOfRange("go", version, split, version + (split ? "-mapsplitgroup" : ""));
    return toolchain(layout, version, experiments);
  }
  return plainToolchain(info);
}

/**
 * The toolchain of a module with no Go runtime: run as a plain WASI program, no maps. Its name is
 * what the producers section says made it (`Debian clang 19.1.7`), else "wasi".
 * Never throws.
 *
 * @example
 * ```ts
 * import { plainToolchain } from "@mapscope/mapscope/layouts";
 * console.log(plainToolchain().layoutNote); // no Go runtime found: run as a plain WASI program
 * ```
 */
export function plainToolchain(info?: ModuleInfo): Toolchain {
  const tool = info ? producerTools(info)[0] : undefined;
  const name = tool ? `${tool.name} ${tool.version}`.trim().slice(0, 80) : "wasi";
  return {
    name,
    family: "none",
    version: tool?.version ?? "",
    experiments: [],
    ptrSize: 4,
    layout: "none",
    layoutNote: "no Go runtime found: run as a plain WASI program",
  };
}

/** The tools a producers section names under `processed-by` (and `language`), in order. */
export function producerTools(info: ModuleInfo): { field: string; name: string; version: string }[] {
  const p = info.custom.get("producers");
  const out: { field: string; name: string; version: string }[] = [];
  if (!p) return out;
  const dec = new TextDecoder();
  try {
    let pos = 0;
    const str = () => {
      const [n, at] = decodeU32(p, pos, "producers section");
      if (at + n > p.length) throw new Error("short");
      pos = at + n;
      return dec.decode(p.subarray(at, at + n));
    };
    let [fields, at] = decodeU32(p, 0, "producers section");
    pos = at;
    for (; fields > 0; fields--) {
      const field = str();
      let [n, at2] = decodeU32(p, pos, "producers section");
      pos = at2;
      for (; n > 0; n--) out.push({ field, name: str(), version: str() });
    }
  } catch {
    // a malformed producers section names nothing
  }
  return out.sort((x, y) => (x.field === "processed-by" ? 0 : 1) - (y.field === "processed-by" ? 0 : 1));
}
