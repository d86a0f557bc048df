// Issue #12: real programs nobody here wrote. Every `// run` program of $(go env GOROOT)/test that
// uses maps and builds for wasip1, built with go1.26.8 (and the first ones with TinyGo 0.41.0),
// runs under node:wasi and under mapscope with allMaps: the same output and ending, no mapscope
// error, and every map it reports self-consistent.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import process from "node:process";
import { MapscopeError, run } from "../mod.ts";
import { repoPath } from "../tests/_helpers.ts";
import { buildAsync, CACHE, pool } from "./_build.ts";

const GOROOT = spawnSync("go", ["env", "GOROOT"], { encoding: "utf8" }).stdout.trim();
/** How many TinyGo programs CI builds (TinyGo builds are slow); MAPSCOPE_CORPUS_TINYGO overrides. */
const TINYGO_PROGRAMS = Number(process.env.MAPSCOPE_CORPUS_TINYGO ?? 30);
/**
 * TinyGo's default build keeps DWARF (file:line of each map's first write); CI builds with
 * -no-debug, which is smaller and faster to build. MAPSCOPE_CORPUS_TINYGO_DWARF=1 builds the default.
 */
const TINYGO_DWARF = process.env.MAPSCOPE_CORPUS_TINYGO_DWARF === "1";

function programs(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const n of readdirSync(dir).sort()) {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) {
        if (!n.endsWith(".dir") && n !== "testdata") walk(p);
      } else if (n.endsWith(".go")) {
        const src = readFileSync(p, "utf8");
        if (/^\/\/ run\n/.test(src) && /map\[/.test(src)) out.push(p);
      }
    }
  };
  walk(join(GOROOT, "test"));
  return out;
}

interface Ran {
  program: string;
  maps: number;
  typed: number;
  withEntries: number;
  /** Typed by the runtime's own descriptor (the hook, the probe, a clone's result). */
  exact: number;
  /** Typed as the program's one map type that fits. */
  inferred: number;
  /** Decoded by shape (no type, or several fit). */
  byShape: number;
  /** Named by the code that first wrote them (function, and file:line where the binary says). */
  named: number;
  /** Named with a file and line. */
  withLine: number;
  /** Marked as the runtime's or standard library's own. */
  runtimes: number;
}

/** node:wasi's view of a run: output and ending. */
function underNode(file: string, name: string) {
  const r = spawnSync("node", ["--no-warnings", repoPath("tests/_nodewasi.mjs"), file, name], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
    timeout: 60_000,
  });
  if (r.status !== 0) return undefined;
  const j = JSON.parse(r.stdout);
  return {
    stdout: Buffer.from(j.stdout, "base64"),
    stderr: Buffer.from(j.stderr, "base64"),
    exit: j.exit,
    trapped: j.trap !== null,
  };
}

async function check(
  toolchain: "go" | "tinygo",
  limit: number,
): Promise<{ built: number; ran: Ran[]; failures: string[] }> {
  const list = programs();
  const command = toolchain === "go"
    ? "GOOS=wasip1 GOARCH=wasm go build"
    : TINYGO_DWARF
    ? "tinygo build -target=wasip1"
    : "tinygo build -target=wasip1 -no-debug";
  const candidates = list.slice(0, toolchain === "go" ? list.length : Math.min(list.length, limit * 2));
  const builds = await pool(
    2,
    candidates.map((p) => () =>
      buildAsync({
        name: `corpus-${toolchain}-${p.slice(GOROOT.length + 6).replace(/[/.]/g, "_")}`,
        command,
        pkg: JSON.stringify(p),
        dir: join(GOROOT, "test"),
      }, readFileSync(p, "utf8"))
    ),
  );
  const failures: string[] = [];
  const ran: Ran[] = [];
  let built = 0;
  for (let i = 0; i < candidates.length && ran.length < limit; i++) {
    const bytes = builds[i]!;
    if (typeof bytes === "string") continue; // does not build for wasip1 (build tags, cgo, unsupported)
    built++;
    const name = candidates[i]!.slice(GOROOT.length + 6);
    const file = join(CACHE, `run-${toolchain}.wasm`);
    writeFileSync(file, bytes);
    const node = underNode(file, name);
    if (!node) continue; // node:wasi itself cannot run it: nothing to compare with
    let r;
    try {
      r = await run(bytes, { args: [name], allMaps: true, deterministic: true, timeoutMs: 60_000 });
    } catch (e) {
      failures.push(`${name}: ${e instanceof MapscopeError ? "" : "UNTYPED "}${(e as Error).message}`);
      continue;
    }
    if (Buffer.compare(Buffer.from(r.stdout.bytes), node.stdout) !== 0) {
      failures.push(`${name}: stdout differs from node:wasi`);
    }
    if (Buffer.compare(Buffer.from(r.stderr.bytes), node.stderr) !== 0) {
      failures.push(`${name}: stderr differs from node:wasi`);
    }
    if ((r.trap !== undefined) !== node.trapped || (!node.trapped && r.exit !== node.exit)) {
      failures.push(
        `${name}: ended ${r.trap ? "trap " + r.trap.kind : "exit " + r.exit}, node:wasi ${
          node.trapped ? "trap" : "exit " + node.exit
        }`,
      );
    }
    // no two maps share their storage: a runtime's temporary (growth's or a clone's copy) reported
    // as a map would share its map's buckets (TinyGo) or directory (Go)
    const storage = new Map<number, number>();
    for (const m of r.maps) {
      if (m.error !== undefined) continue;
      const at = m.family === "tinygo" ? m.header.buckets : m.family === "go" ? m.header.dirPtr : 0;
      if (at === 0) continue;
      const other = storage.get(at);
      if (other !== undefined) {
        failures.push(
          `${name}: maps at 0x${other.toString(16)} and 0x${m.address.toString(16)} share their storage`,
        );
      }
      storage.set(at, m.address);
    }
    for (const m of r.maps) {
      if (m.error !== undefined) failures.push(`${name}: map at 0x${m.address.toString(16)}: ${m.error}`);
      else if (m.entries && m.entries.length !== m.len && !m.truncated) {
        failures.push(
          `${name}: map at 0x${m.address.toString(16)}: ${m.entries.length} entries for len ${m.len}`,
        );
      }
    }
    ran.push({
      program: name,
      maps: r.maps.length,
      typed: r.maps.filter((m) => m.keyType !== undefined).length,
      withEntries: r.maps.filter((m) => m.entries !== undefined).length,
      ...originCounts(r.maps.map((m) => ({ origin: m.origin, typed: m.keyType !== undefined }))),
    });
  }
  return { built, ran, failures };
}

/** How a run's maps were typed and named, from what each map's origin says. */
function originCounts(maps: { origin?: string | undefined; typed: boolean }[]) {
  const has = (re: RegExp) => maps.filter((m) => re.test(m.origin ?? "")).length;
  const inferred = has(/type inferred/);
  const byShape = has(/decoded by shape/);
  return {
    exact: maps.filter((m) => m.typed).length - inferred - byShape,
    inferred,
    byShape,
    named: has(/^(first written in|made by maps\.Clone|the package-level variable)/),
    withLine: has(/first written in [^;]* \([^)]*:\d+\)/),
    runtimes: has(/standard library's own map/),
  };
}

function summary(toolchain: string, built: number, ran: Ran[]): string {
  const sum = (k: keyof Omit<Ran, "program">) => ran.reduce((n, r) => n + r[k], 0);
  const maps = sum("maps"), typed = sum("typed");
  return `${toolchain}: ${built} programs built for wasip1, ${ran.length} run under node:wasi and mapscope, ` +
    `${maps} maps reported, ${typed} typed (${maps ? ((100 * typed) / maps).toFixed(0) : 0}%): ` +
    `${sum("exact")} exactly, ${sum("inferred")} inferred, ${sum("byShape")} by shape, ${
      maps - typed
    } untyped; ${sum("named")} named by the code that made them (${sum("withLine")} with file:line), ` +
    `${sum("runtimes")} the runtime's or standard library's own`;
}

test("Go's own test programs built with go1.26.8: identical to node:wasi, every map typed and whole", async () => {
  const { built, ran, failures } = await check("go", 1000);
  console.log(summary("go1.26.8", built, ran));
  assert.ok(ran.length >= 80, `only ${ran.length} programs ran`);
  assert.deepEqual(failures, []);
  const maps = ran.reduce((n, r) => n + r.maps, 0);
  assert.ok(maps > 500, `${maps} maps`);
  assert.equal(ran.reduce((n, r) => n + r.typed, 0), maps, "every Go map typed");
});

test(`Go's own test programs built with TinyGo 0.41.0 (the first ${TINYGO_PROGRAMS} that build): identical to node:wasi, no map error`, async () => {
  const { built, ran, failures } = await check("tinygo", TINYGO_PROGRAMS);
  console.log(summary(`tinygo-0.41.0${TINYGO_DWARF ? " (DWARF kept)" : " -no-debug"}`, built, ran));
  assert.ok(ran.length >= Math.min(30, TINYGO_PROGRAMS), `only ${ran.length} programs ran`);
  assert.deepEqual(failures, []);
});
