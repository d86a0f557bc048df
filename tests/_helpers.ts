// Shared helpers of the test suite: committed targets, Go's own views, and small comparisons.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";
import type { MapSnapshot, RunOptions, RunResult } from "../mod.ts";
import { run } from "../mod.ts";

/** The four committed toolchain builds. */
export const TOOLCHAINS = ["tinygo-0.41.0", "go1.26.8", "go1.27.3", "go1.27.3-mapsplitgroup"] as const;
/** The three standard Go builds. */
export const GO_TOOLCHAINS = ["go1.26.8", "go1.27.3", "go1.27.3-mapsplitgroup"] as const;
export type ToolchainBuild = typeof TOOLCHAINS[number];

/** Absolute path of a file in the repository. */
export function repoPath(rel: string): string {
  return fileURLToPath(new URL("../" + rel, import.meta.url));
}

/** The bytes of a committed target. */
export function wasm(tc: string, target: string): Uint8Array {
  return new Uint8Array(readFileSync(repoPath(`go-targets/dist/${tc}/${target}.wasm`)));
}

/** Runs a committed target deterministically. */
export function runTarget(
  tc: string,
  target: string,
  args: string[] = [],
  options: RunOptions = {},
): Promise<RunResult> {
  return run(wasm(tc, target), { args: [target, ...args], deterministic: true, ...options });
}

/** One map line printed by go-targets/internal/view. */
export interface MapView {
  name: string;
  ptr: string;
  len: number;
  header: Record<string, number | string>;
  /** The raw JSON text of the sorted entries array, exactly as Go printed it. */
  entries?: string | undefined;
  count?: number;
  sha256?: string;
  step?: number;
  phase?: string;
  at?: string;
}

/** Parses every map view line in `lines`. */
export function views(lines: readonly string[]): MapView[] {
  const out: MapView[] = [];
  for (const line of lines) {
    if (!line.startsWith('{"view":"map"')) continue;
    const i = line.indexOf(',"entries":[');
    const raw = i >= 0 ? line.slice(i + 11, -1) : undefined;
    const parsed = JSON.parse(i >= 0 ? line.slice(0, i) + "}" : line) as MapView;
    out.push({ ...parsed, entries: raw });
  }
  return out;
}

/** The toolchain line every target prints first. */
export function toolchainLine(
  lines: readonly string[],
): { version: string; compiler: string; header: string } {
  return JSON.parse(lines[0]);
}

/** Sorted "[k,v]" lines of a snapshot's entries. */
export function entryLines(s: MapSnapshot): string[] {
  return (s.entries ?? []).map((e) => e.json).sort();
}

/** The snapshot's entries as the raw JSON array Go's view prints. */
export function entriesText(s: MapSnapshot): string {
  return "[" + entryLines(s).join(",") + "]";
}

/** sha256 of lines each followed by "\n" (go-targets/internal/view Digest). */
export function digest(lines: string[]): string {
  const h = createHash("sha256");
  for (const l of lines) h.update(l + "\n");
  return h.digest("hex");
}

/** Hex address as Go's %p prints it. */
export function hex(n: number): string {
  return "0x" + n.toString(16);
}

/** The header fields of a snapshot as Go's view prints them (Go's seed as a decimal string). */
export function headerAsView(s: MapSnapshot): Record<string, number | string> {
  if (s.error !== undefined) throw new Error(`${s.name}: ${s.error}`);
  if (s.family === "tinygo") {
    const h = s.header;
    return {
      buckets: h.buckets,
      seed: h.seed,
      count: h.count,
      keySize: h.keySize,
      valueSize: h.valueSize,
      bucketBits: h.bucketBits,
      keyEqual: h.keyEqual,
      keyHash: h.keyHash,
      size: 40,
    };
  }
  const h = s.header;
  return {
    used: Number(h.used),
    seed: String(h.seed),
    dirPtr: h.dirPtr,
    dirLen: h.dirLen,
    globalDepth: h.globalDepth,
    globalShift: h.globalShift,
    writing: h.writing,
    tombstonePossible: h.tombstonePossible ? 1 : 0,
    clearSeq: Number(h.clearSeq),
    size: 48,
  };
}

/** Runs the CLI in-process with reads from disk; what it printed and its exit status. */
export async function cli(args: string[]): Promise<{ status: number; out: string; err: string }> {
  const { cliMain } = await import("../cli.ts");
  const { readFile } = await import("node:fs/promises");
  let out = "";
  let err = "";
  const status = await cliMain(args, {
    out: (t) => (out += t),
    err: (t) => (err += t),
    readFile: async (p) => new Uint8Array(await readFile(p)),
  });
  return { status, out, err };
}

/** Writes `source` as the file `name` in a fresh temporary directory; returns its path. */
export function scriptFile(name: string, source: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "mapscope-script-")), name);
  writeFileSync(path, source);
  return path;
}

/**
 * The command that runs `script` in a child of this runtime: Deno with all permissions (and
 * `v8Flags`, if any) or Bun. With `v8Flags`, the child is Deno in either (the Deno on PATH under Bun):
 * the flags are V8's.
 */
export function runtimeCommand(script: string, v8Flags?: string[]): { cmd: string; args: string[] } {
  const isDeno = "Deno" in globalThis;
  if (!isDeno && !v8Flags) return { cmd: process.execPath, args: [script] };
  const flags = v8Flags ? [`--v8-flags=${v8Flags.join(",")}`] : [];
  return { cmd: isDeno ? process.execPath : "deno", args: ["run", "-A", ...flags, script] };
}
