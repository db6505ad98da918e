// bench/extract: Mozilla Readability (with jsdom) over a folder of *.html
// pages, the way its README runs it: new JSDOM(bytes, {url}) then
// new Readability(document).parse(). Passing the bytes lets jsdom sniff the
// charset as a browser would. Prints one JSON line: pages, wall and CPU
// seconds of the loop (module loading excluded), pages/s by each.
//
// Usage: node readability_js.mjs MODULES_DIR PAGES_DIR [PASSES]
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";

const [modulesDir, pagesDir, passesArg] = process.argv.slice(2);
const require = createRequire(path.join(path.resolve(modulesDir), "package.json"));
const { JSDOM, VirtualConsole } = require("jsdom");
const { Readability } = require("@mozilla/readability");

const files = fs.readdirSync(pagesDir).filter((f) => f.endsWith(".html")).sort();
const pages = files.map((f) => fs.readFileSync(path.join(pagesDir, f)));
const passes = Number(passesArg || 1);
const quiet = new VirtualConsole();  // pages' CSS and script errors are not ours

let chars = 0;
let failures = 0;
const wall0 = process.hrtime.bigint();
const cpu0 = process.cpuUsage();
for (let p = 0; p < passes; ++p) {
  for (const bytes of pages) {
    try {
      const dom = new JSDOM(bytes, { url: "https://example.com/", virtualConsole: quiet });
      const article = new Readability(dom.window.document).parse();
      chars += article && article.textContent ? article.textContent.length : 0;
      dom.window.close();
    } catch (e) {
      ++failures;
    }
  }
}
const cpu = process.cpuUsage(cpu0);
const wall = Number(process.hrtime.bigint() - wall0) / 1e9;
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const n = pages.length * passes;
console.log(JSON.stringify({
  tool: "readability.js", pages: n, failures, text_chars: chars,
  wall_s: wall, cpu_s: cpuSeconds, pages_per_s_wall: n / wall, pages_per_s_cpu: n / cpuSeconds,
}));
