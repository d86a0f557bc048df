// Building Go programs for wasip1 with the pinned toolchains, cached under .toolchains/cache
// (keyed by the sources, the command and the toolchain's version), never committed.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { repoPath } from "../tests/_helpers.ts";

export const CACHE = repoPath(".toolchains/cache/mapscope-builds");

/** A build: a shell command run in `dir` with `-o $OUT` appended, and the toolchain it uses. */
export interface Build {
  /** Short name, used in the cache file name. */
  name: string;
  /** The command without `-o` and the package (e.g. `GOOS=wasip1 GOARCH=wasm go build -ldflags="-s -w"`). */
  command: string;
  /** The package or file to build, relative to `dir`. */
  pkg: string;
  /** Where to run it. */
  dir: string;
}

function filesUnder(dir: string, out: string[] = []): string[] {
  for (const n of readdirSync(dir).sort()) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) {
      if (n !== "dist") filesUnder(p, out);
    } else if (/\.(go|mod|sum|c)$/.test(n)) out.push(p);
  }
  return out;
}

const versions = new Map<string, string>();
function toolVersion(command: string): string {
  const tool = /\b(tinygo|go1\.\d+\.\d+|go) build/.exec(command)?.[1] ?? "go";
  if (!versions.has(tool)) {
    const r = spawnSync("bash", ["-c", `${tool} version`], { encoding: "utf8" });
    versions.set(tool, r.stdout.trim());
  }
  return versions.get(tool)!;
}

/** Builds (or takes from the cache) and returns the module bytes; throws with the compiler's output. */
export function build(b: Build, sourcesDir: string): Uint8Array {
  const h = createHash("sha256");
  for (const f of filesUnder(sourcesDir)) h.update(f).update(readFileSync(f));
  h.update(b.command).update(b.pkg).update(toolVersion(b.command));
  const out = join(CACHE, `${b.name}-${h.digest("hex").slice(0, 16)}.wasm`);
  if (!existsSync(out)) {
    mkdirSync(CACHE, { recursive: true });
    const r = spawnSync("bash", ["-c", `${b.command} -o ${JSON.stringify(out)} ${b.pkg}`], {
      cwd: b.dir,
      encoding: "utf8",
      env: process.env,
      maxBuffer: 1 << 26,
    });
    if (r.status !== 0) throw new Error(`${b.name}: ${b.command} failed:\n${r.stderr.slice(-3000)}`);
  }
  return new Uint8Array(readFileSync(out));
}

/** Like {@linkcode build}, without blocking: the build runs as a child process. */
export async function buildAsync(b: Build, key: string): Promise<Uint8Array | string> {
  const h = createHash("sha256").update(key).update(b.command).update(b.pkg).update(toolVersion(b.command));
  const out = join(CACHE, `${b.name}-${h.digest("hex").slice(0, 16)}.wasm`);
  const failed = out + ".failed";
  if (existsSync(out)) return new Uint8Array(readFileSync(out));
  if (existsSync(failed)) return readFileSync(failed, "utf8");
  mkdirSync(CACHE, { recursive: true });
  const { spawn } = await import("node:child_process");
  const { writeFileSync } = await import("node:fs");
  return await new Promise((resolve) => {
    const child = spawn("bash", ["-c", `${b.command} -o ${JSON.stringify(out)} ${b.pkg}`], {
      cwd: b.dir,
      env: process.env,
    });
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code) => {
      if (code === 0 && existsSync(out)) resolve(new Uint8Array(readFileSync(out)));
      else {
        writeFileSync(failed, err.slice(-2000) || `exit ${code}`);
        resolve(err.slice(-2000) || `exit ${code}`);
      }
    });
  });
}

/** Runs `jobs` with at most `n` at a time; results in order. */
export async function pool<T>(n: number, jobs: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, jobs.length) }, worker));
  return results;
}
