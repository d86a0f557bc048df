// A full garbage collection between runs must not throw away the optimized code of the WASI
// host, the map reader or the text report: V8 frees an object shape no object has, and the code
// compiled against it (see _keep_shape.ts). Checked in a child Deno (V8) with --trace-deopt, which
// names each function whose code a collection throws away and why.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { repoPath, runtimeCommand, scriptFile } from "../tests/_helpers.ts";

/** The host's own functions on a `hello` run's path (the names --trace-deopt prints). */
const HOST_FUNCTIONS = [
  "WasiHost",
  "start",
  "HostContext",
  "bind",
  "view",
  "bytes",
  "#current",
  "listSizes",
  "listGet",
  "args_sizes_get",
  "args_get",
  "random_get",
  "clock_time_get",
  "now",
  "fd_write",
  "gatherSize",
  "gatherInto",
  "write",
  "proc_exit",
];

/**
 * The run's, the reader's and the text report's functions on the path of a 102-map report, on both
 * families: memory reads, headers, tables and buckets walked, entry tables built and written.
 */
const READER_FUNCTIONS = [
  "u8",
  "u16",
  "u32",
  "ptr",
  "contains",
  "check",
  "dataView",
  "#refresh",
  "mapType",
  "snapshot",
  "readSwissHeader",
  "swissTables",
  "walkSwissSlots",
  "walkGroup",
  "readTinyGoFields",
  "SnapshotRecord",
  "SwissHeaderRecord",
  "SwissFacts",
  "TinyGoHeaderRecord",
  "TinyGoFacts",
  "push",
  "key",
  "value",
  "decodeWithin",
  "spend",
  "begin",
  "add",
  "#read",
  "#readString",
  "finish",
  "EntryTable",
  "writeLines",
  "writeMap",
  "writeHeader",
  "writeDescription",
  "formatRunReport",
  "parseModule",
  "snapshotAll",
  "feed",
];

// Under Bun (JavaScriptCore) the child is the Deno on PATH, when there is one.
const hasDeno = "Deno" in globalThis || spawnSync("deno", ["--version"]).status === 0;

/**
 * Runs `body` (a module's code, after `runs` is defined by it) in a child Deno: `runs(n)` made hot
 * first, a full collection, then `runs(10)`. Returns the functions optimized before the collection
 * and those whose code it threw away.
 */
function collectBetweenRuns(body: string, hot: number): { optimized: string[]; cleared: string[] } {
  const script = scriptFile(
    "runs.ts",
    `${body}
await runs(${hot}); // hot: the functions are optimized
console.log("COLLECT");
(globalThis as { gc: () => void }).gc();
await runs(10);
console.log("DONE");
`,
  );
  const { cmd, args } = runtimeCommand(script, ["--expose-gc", "--trace-opt", "--trace-deopt"]);
  const r = spawnSync(cmd, args, { encoding: "utf8", timeout: 180_000, maxBuffer: 256 << 20 });
  assert.equal(r.status, 0, r.stderr);
  const out = r.stdout;
  assert.ok(out.includes("DONE"), out.slice(-2000));
  const beforeCollect = out.slice(0, out.indexOf("COLLECT"));
  const optimized = [...beforeCollect.matchAll(/completed compiling \S+ <JSFunction ([^ >]*)/g)].map((m) =>
    m[1]!
  );
  const cleared = [
    ...out.slice(out.indexOf("COLLECT")).matchAll(
      /marking dependent code .*?<SharedFunctionInfo ([^>]*)>.*?reason: embedded weak objects cleared/g,
    ),
  ].map((m) => m[1]!);
  return { optimized, cleared };
}

test(
  "a full collection between runs keeps the host's optimized code (no 'embedded weak objects cleared')",
  { skip: !hasDeno && "needs a V8 runtime (deno) for --trace-deopt" },
  () => {
    const { optimized, cleared } = collectBetweenRuns(
      `import { WasiHost } from ${JSON.stringify(repoPath("mod.ts"))};
import { readFileSync } from "node:fs";
const compiled = await WebAssembly.compile(readFileSync(${
        JSON.stringify(repoPath("go-targets/dist/tinygo-0.41.0/hello.wasm"))
      }));
async function runs(n: number) {
  for (let i = 0; i < n; i++) {
    const host = new WasiHost({ args: ["hello"] });
    if (host.start(await WebAssembly.instantiate(compiled, host.imports as never)) !== 0) throw new Error("exit");
  }
}`,
      1500,
    );
    // the runs made the host's code optimized: otherwise there would be nothing to lose
    assert.ok(
      ["view", "listSizes", "fd_write"].every((name) => optimized.includes(name)),
      `optimized before the collection: ${optimized.join(", ")}`,
    );
    const ours = cleared.filter((name) => HOST_FUNCTIONS.includes(name));
    assert.deepEqual(ours, [], `thrown away at the collection: ${cleared.join(", ")}`);
  },
);

test(
  "a full collection between runs keeps the map reader's and the text report's optimized code",
  { skip: !hasDeno && "needs a V8 runtime (deno) for --trace-deopt" },
  () => {
    // each run reads 102 maps of its own memory with a reader of its own, on both families
    const { optimized, cleared } = collectBetweenRuns(
      `import { formatRunReport, run } from ${JSON.stringify(repoPath("mod.ts"))};
import { readFileSync } from "node:fs";
const wasm = ["tinygo-0.41.0", "go1.27.3"].map((tc) =>
  readFileSync(${JSON.stringify(repoPath("go-targets/dist"))} + "/" + tc + "/panics.wasm")
);
async function runs(n: number) {
  for (let i = 0; i < n; i++) {
    for (const w of wasm) {
      const r = await run(w, { args: ["panics", "many"], deterministic: true });
      if (r.maps.length !== 102 || !formatRunReport(r).includes("map m99 at 0x")) throw new Error("report");
    }
  }
}`,
      60,
    );
    const hot = ["writeLines", "walkGroup", "add", "u32"];
    assert.ok(
      hot.every((name) => optimized.includes(name)),
      `optimized before the collection: ${optimized.join(", ")}`,
    );
    const ours = cleared.filter((name) => READER_FUNCTIONS.includes(name));
    assert.deepEqual(ours, [], `thrown away at the collection: ${cleared.join(", ")}`);
  },
);
