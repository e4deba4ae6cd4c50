import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Unit and component tests run against the sources (no build needed), in jsdom.
export default defineConfig({
  resolve: {
    alias: {
      "@latchkey/js": src("./js/src/index.ts"),
      "@latchkey/react": src("./react/src/index.ts"),
    },
  },
  test: {
    environment: "jsdom",
    include: ["js/test/**/*.test.ts", "react/test/**/*.test.tsx"],
    restoreMocks: true,
    unstubGlobals: true,
    setupFiles: ["react/test/setup.ts"],
  },
});
