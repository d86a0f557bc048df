/**
 * Which toolchain built a module, from its bytes alone: the `producers` custom section names
 * TinyGo or Go's cmd/compile with a version, and Go's runtime version string carries experiments
 * (`go1.27.3-X:mapsplitgroup`).
 *
 * @module
 */
import { UnknownToolchainError } from "./errors.ts";
import type { Toolchain, ToolchainName } from "./model/toolchain.ts";
import type { ModuleInfo } from "./wasm/module.ts";

export type { Toolchain, ToolchainName };

/**
 * The toolchains mapscope knows, in order.
 *
 * @example
 * ```ts
 * import { KNOWN_TOOLCHAINS } from "@mapscope/mapscope/layouts";
 * console.log(KNOWN_TOOLCHAINS.join(", "));
 * ```
 */
export const KNOWN_TOOLCHAINS: readonly ToolchainName[] = [
  "tinygo-0.41.0",
  "go1.26.8",
  "go1.27.3",
  "go1.27.3-mapsplitgroup",
];

function producers(info: ModuleInfo): string {
  const p = info.custom.get("producers");
  return p ? new TextDecoder().decode(p) : "";
}

function indexOf(hay: Uint8Array, needle: Uint8Array, from = 0): number {
  const first = needle[0];
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

/**
 * Turns a name into a {@linkcode Toolchain}; throws {@linkcode UnknownToolchainError} for others.
 *
 * @example
 * ```ts
 * import { toolchainByName } from "@mapscope/mapscope/layouts";
 * console.log(toolchainByName("go1.27.3-mapsplitgroup").experiments); // ["mapsplitgroup"]
 * ```
 */
export function toolchainByName(name: string): Toolchain {
  if (!(KNOWN_TOOLCHAINS as readonly string[]).includes(name)) throw new UnknownToolchainError(name);
  const n = name as ToolchainName;
  if (n === "tinygo-0.41.0") {
    return { name: n, family: "tinygo", version: "0.41.0", experiments: [], ptrSize: 4 };
  }
  const [version, exp] = n.split("-");
  return { name: n, family: "go", version, experiments: exp ? [exp] : [], ptrSize: 8 };
}

/**
 * Detects the toolchain that built `bytes`. Throws {@linkcode UnknownToolchainError} naming the
 * version when it is not one mapscope knows, or when nothing identifies the producer.
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
  const tiny = /TinyGo.([0-9][0-9.]*)/.exec(prod);
  if (tiny) {
    if (tiny[1] === "0.41.0") return toolchainByName("tinygo-0.41.0");
    throw new UnknownToolchainError(`tinygo-${tiny[1]}`, "found in the producers section");
  }
  const go = /cmd\/compile.(go1\.[0-9]+(?:\.[0-9]+)?)/.exec(prod);
  if (go) {
    const version = go[1];
    const experiments: string[] = [];
    const tag = new TextEncoder().encode(version + "-X:");
    const at = indexOf(bytes, tag);
    if (at >= 0) {
      let end = at + tag.length;
      while (end < bytes.length && /[a-z0-9,]/.test(String.fromCharCode(bytes[end]))) end++;
      experiments.push(
        ...new TextDecoder().decode(bytes.subarray(at + tag.length, end)).split(",").filter(Boolean),
      );
    }
    const name = experiments.includes("mapsplitgroup") ? `${version}-mapsplitgroup` : version;
    if (!(KNOWN_TOOLCHAINS as readonly string[]).includes(name)) {
      throw new UnknownToolchainError(name, experiments.length ? `experiments ${experiments.join(",")}` : "");
    }
    return { ...toolchainByName(name), experiments };
  }
  throw new UnknownToolchainError("unknown", "no TinyGo or Go producers section: pass toolchain explicitly");
}
