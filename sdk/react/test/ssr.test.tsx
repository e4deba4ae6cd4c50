// @vitest-environment node
import { describe, expect, it } from "vitest";
import { renderToString } from "react-dom/server";
import { Connect, LatchkeyProvider } from "../src/index.js";

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
  });
});
