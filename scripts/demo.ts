// The demo (`deno task demo`): runs the committed growth and panic targets of TinyGo and Go, prints
// each map's growth table and the panic report with the maps as they were at the panic, and writes
// each run as an HTML page under demo-out/ (growth movies and panic pages).
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { formatRunHtml, formatRunReport, growthReports, run } from "../mod.ts";
import { formatGrowth } from "../lib/run/mod.ts";

const dist = new URL("../go-targets/dist/", import.meta.url);
const load = async (tc: string, target: string) =>
  new Uint8Array(await readFile(new URL(`${tc}/${target}.wasm`, dist)));

const out = new URL("../demo-out/", import.meta.url);
await mkdir(out, { recursive: true });
const pages: string[] = [];
const page = async (name: string, html: string) => {
  await writeFile(new URL(name, out), html);
  pages.push("demo-out/" + name);
};

for (const tc of ["tinygo-0.41.0", "go1.26.8", "go1.27.3-mapsplitgroup"]) {
  console.log(`==== ${tc}: growth (4000 inserts into a map[int]int, a checkpoint after each)`);
  const g = await run(await load(tc, "growth"), {
    args: ["growth"],
    deterministic: true,
    checkpointOccupancy: true,
  });
  await page(`${tc}-growth.html`, formatRunHtml(g, { title: "growth" }));
  const ints = growthReports(g.checkpoints).find((r) => r.name === "ints")!;
  console.log(formatGrowth(ints).join("\n"));
  console.log(`\n==== ${tc}: panics explicit (two tracked maps, then panic)`);
  const p = await run(await load(tc, "panics"), { args: ["panics", "explicit"], deterministic: true });
  console.log(formatRunReport(p, 6));
  await page(`${tc}-panics.html`, formatRunHtml(p, { title: "panics explicit" }));
  const d = await run(await load(tc, "deferred"), { args: ["deferred"], deterministic: true });
  await page(`${tc}-deferred.html`, formatRunHtml(d, { title: "deferred" }));
}
console.log(`\n==== the runs as HTML pages (open them in a browser): ${pages.join(", ")}`);
