// @vitest-environment node
import { describe, expect, expectTypeOf, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { renderToString } from "react-dom/server";
import { Connect, LatchkeyProvider, styles } from "../src/index.js";

describe("server rendering", () => {
  it("imports and renders where there is no window, showing the loading state", () => {
    expect(typeof window).toBe("undefined");

    const html = renderToString(
      <LatchkeyProvider baseUrl="https://connect.acme.test" sessionToken="t">
        <Connect />
      </LatchkeyProvider>,
    );

    expect(html).toContain("Loading apps…");
    expect(html).toContain('class="lk-root"');
    // The stylesheet as it is: a <style> element's text is not HTML-decoded by the browser.
    expect(html).toContain(`<style>${styles}</style>`);
  });
});

describe("the package", () => {
  it("types its stylesheet as a string, not as the whole CSS in a literal type", () => {
    expectTypeOf(styles).toEqualTypeOf<string>();
    // Only compiles while the type is string: a company may pass its own CSS where styles goes.
    const replaced: typeof styles = ".lk-root{}";
    expect(replaced).toBe(".lk-root{}");
  });

  it("declares no side effects, and ships no CSS a bundler would have to keep", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { sideEffects: unknown; files: string[] };
    expect(pkg.sideEffects).toBe(false);
    const src = new URL("../src/", import.meta.url);
    const sources = readdirSync(src);
    expect(sources.filter((f) => f.endsWith(".css"))).toEqual([]);
    for (const f of sources) expect(readFileSync(new URL(f, src), "utf8"), f).not.toMatch(/import\s+["'][^"']+\.css["']/);
  });
});
