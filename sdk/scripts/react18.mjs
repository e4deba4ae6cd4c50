// The SDKs against React 18, which @latchkey/react's peer range allows while the workspace tests
// React 19. In a temporary directory (outside sdk/, so nothing resolves to the workspace's React):
// React 18 from compat/react18's lockfile (npm ci --prefer-offline: the npm cache after the first
// run), the two packages as `npm pack` makes them, then compat/react18/smoke.mjs (server render,
// hydration and a client render under jsdom) and tsc over compat/react18/types.tsx with @types/react 18.
// Needs the packages built (npm run build). Run by `npm run check`.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const sdk = fileURLToPath(new URL("..", import.meta.url));
const compat = join(sdk, "compat", "react18");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
for (const pkg of ["js", "react"]) {
  if (!existsSync(join(sdk, pkg, "dist", "esm", "index.js"))) throw new Error(`sdk/${pkg}/dist is missing: run npm run build first`);
}

const run = (command, args, cwd, env = {}, stdout = "inherit") =>
  execFileSync(command, args, { cwd, stdio: ["ignore", stdout, "inherit"], env: { ...process.env, ...env } });

const dir = mkdtempSync(join(tmpdir(), "latchkey-react18-"));
try {
  for (const file of ["package.json", "package-lock.json", "smoke.mjs", "types.tsx", "tsconfig.json"]) {
    copyFileSync(join(compat, file), join(dir, file));
  }
  run(npm, ["ci", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], dir);
  run(npm, ["pack", "--silent", "--pack-destination", dir, "-w", "@latchkey/js", "-w", "@latchkey/react"], sdk, {}, "ignore");
  // Unpacked by hand: npm would otherwise look @latchkey/react's "@latchkey/js" dependency up in the registry.
  for (const [name, tarball] of [["js", "latchkey-js-0.1.0.tgz"], ["react", "latchkey-react-0.1.0.tgz"]]) {
    const target = join(dir, "node_modules", "@latchkey", name);
    mkdirSync(target, { recursive: true });
    run("tar", ["-xzf", join(dir, tarball), "-C", target, "--strip-components=1"], dir);
  }
  if (readdirSync(join(dir, "node_modules", "@latchkey", "react", "dist")).length === 0) throw new Error("the packed @latchkey/react has no dist");

  run(process.execPath, ["smoke.mjs"], dir, { LATCHKEY_SDK_PACKAGE_JSON: join(sdk, "package.json") });
  const tsc = createRequire(join(sdk, "package.json")).resolve("typescript/bin/tsc");
  run(process.execPath, [tsc, "-p", "tsconfig.json"], dir);
  console.log("✓ React 18 types (@types/react 18) accept the packed declarations");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
