/**
 * Which releases each map layout covers, and the evidence for it. Detection picks the layout by
 * the version a module names; every map read with it is validated anyway (header checks, group
 * geometry against `abi.MapType`, key and value sizes and the hash function against the type), so a
 * layout used outside its range refuses with typed errors instead of printing garbage.
 *
 * Evidence:
 * - **go1.26, go1.27** (every patch, rc and beta of the minor release): the map header
 *   (`internal/runtime/maps.Map`, `table`, groups) and `internal/abi.MapType` are compiled into
 *   both the runtime and the compiler's type data (`cmd/compile/internal/reflectdata/map.go`), so a
 *   patch release cannot change them without breaking the ABI between the two; Go changes them only
 *   in minor releases (1.24 introduced swiss maps; 1.27 changed `abi.MapType` to key/elem offsets
 *   and strides, and added `GOEXPERIMENT=mapsplitgroup`). Verified on go1.26.8 and go1.27.3 (the
 *   only patch releases the module proxy serves here): `go-targets/` print Go's own view of every
 *   field and the tests compare.
 * - **tinygo-0.41** (0.41.x): `runtime.hashmap` in `src/runtime/hashmap.go` is field for field the
 *   same in v0.33.0 (checked against the tinygo-org/tinygo mirror, where the last change to the
 *   struct's file before it is eab1a5d7, 2024-08-12) and v0.41.0; but the reflectlite type
 *   descriptors mapscope decodes took their 0.41 form later (0.37.0 moved reflect onto
 *   `internal/reflectlite`, and named and struct types gained method sets), and the mirror here
 *   ends at v0.33.0, so no release before 0.41.0 is claimed. Verified on 0.41.0, the only TinyGo
 *   the module proxy serves.
 *
 * @module
 */
import type { LayoutName } from "../model/toolchain.ts";
import type { FamilyId } from "../model/snapshot.ts";

/**
 * One map layout: its family, the versions it covers, and the build it was verified on.
 *
 * @example
 * ```ts
 * import { type MapLayout, MAP_LAYOUTS } from "@mapscope/mapscope/layouts";
 * const split: MapLayout = MAP_LAYOUTS.find((l) => l.splitGroups)!;
 * console.log(split.name, split.covers.test("go1.27.5")); // go1.27-mapsplitgroup true
 * ```
 */
export interface MapLayout {
  /** The layout's name, as `toolchain` accepts it. */
  name: LayoutName;
  /** The runtime family. */
  family: FamilyId;
  /** How reports name it: "go1.26 swiss". */
  label: string;
  /** Whether a compiler version (`go1.26.3`, `go1.27rc1`, `0.41.0`) is one it covers. */
  covers: RegExp;
  /** The GOEXPERIMENT it needs (or must not have). */
  splitGroups: boolean;
  /** The build the layout was proven on, here. */
  verifiedOn: string;
}

/**
 * Every layout, in order.
 *
 * @example
 * ```ts
 * import { MAP_LAYOUTS } from "@mapscope/mapscope/layouts";
 * for (const l of MAP_LAYOUTS) console.log(l.name, l.label, "verified on", l.verifiedOn);
 * ```
 */
export const MAP_LAYOUTS: readonly MapLayout[] = [
  {
    name: "tinygo-0.41",
    family: "tinygo",
    label: "tinygo 0.41 hashmap",
    covers: /^0\.41\.\d+$/,
    splitGroups: false,
    verifiedOn: "tinygo-0.41.0",
  },
  {
    name: "go1.26",
    family: "go",
    label: "go1.26 swiss",
    covers: /^go1\.26(?:\.\d+|rc\d+|beta\d+)?$/,
    splitGroups: false,
    verifiedOn: "go1.26.8",
  },
  {
    name: "go1.27",
    family: "go",
    label: "go1.27 swiss",
    covers: /^go1\.27(?:\.\d+|rc\d+|beta\d+)?$/,
    splitGroups: false,
    verifiedOn: "go1.27.3",
  },
  {
    name: "go1.27-mapsplitgroup",
    family: "go",
    label: "go1.27 swiss, split groups",
    covers: /^go1\.27(?:\.\d+|rc\d+|beta\d+)?$/,
    splitGroups: true,
    verifiedOn: "go1.27.3-mapsplitgroup",
  },
];

/**
 * The layout covering a family's compiler version (and experiment), if any.
 * Never throws: undefined when no layout covers the version.
 *
 * @example
 * ```ts
 * import { layoutFor } from "@mapscope/mapscope/layouts";
 * console.log(layoutFor("go", "go1.26.3", false)?.name, layoutFor("go", "go1.28.0", false)); // go1.26 undefined
 * ```
 */
export function layoutFor(family: FamilyId, version: string, splitGroups: boolean): MapLayout | undefined {
  return MAP_LAYOUTS.find((l) =>
    l.family === family && l.covers.test(version) && l.splitGroups === splitGroups
  );
}

/**
 * The layout nearest to a version no layout covers: the same family, the closest minor release.
 * Never throws for a family with layouts (every family the registry knows).
 *
 * @example
 * ```ts
 * import { nearestLayout } from "@mapscope/mapscope/layouts";
 * console.log(nearestLayout("go", "go1.28.1", false).name, nearestLayout("tinygo", "0.38.0", false).name); // go1.27 tinygo-0.41
 * ```
 */
export function nearestLayout(family: FamilyId, version: string, splitGroups: boolean): MapLayout {
  const minor = (v: string) => Number(/(\d+)\.(\d+)/.exec(v)?.[2] ?? 0);
  const candidates = MAP_LAYOUTS.filter((l) =>
    l.family === family && (family === "tinygo" || l.splitGroups === splitGroups)
  );
  const pool = candidates.length ? candidates : MAP_LAYOUTS.filter((l) => l.family === family);
  return pool.reduce((best, l) =>
    Math.abs(minor(l.verifiedOn.replace("tinygo-", "")) - minor(version)) <
        Math.abs(minor(best.verifiedOn.replace("tinygo-", "")) - minor(version))
      ? l
      : best
  );
}
