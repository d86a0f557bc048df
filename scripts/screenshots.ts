// The README's pictures (`deno task screenshots`): the demo's growth movie and its panic page,
// rendered by headless Chromium into docs/*.png. Run `deno task demo` first.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import process from "node:process";

const root = new URL("../", import.meta.url).pathname;
const shots: [string, string, string, number, number][] = [
  ["demo-out/tinygo-0.41.0-growth.html", "#step=1700", "docs/growth-movie.png", 1000, 820],
  ["demo-out/go1.26.8-deferred.html", "", "docs/panic-page.png", 1000, 760],
];
for (const [page, hash, png, w, h] of shots) {
  if (!existsSync(root + page)) {
    console.error(`${page} is missing: run deno task demo first`);
    process.exit(1);
  }
  const r = spawnSync("chromium", [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--hide-scrollbars",
    "--virtual-time-budget=3000",
    `--window-size=${w},${h}`,
    `--screenshot=${root + png}`,
    `file://${root + page}${hash}`,
  ], { encoding: "utf8" });
  if (r.status !== 0) {
    console.error(r.stderr);
    process.exit(1);
  }
  console.log(`wrote ${png}`);
}
