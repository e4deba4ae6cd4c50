import { defineConfig } from "vite";

// The example uses the built packages (npm workspaces link them), like a company's app would.
export default defineConfig({
  server: { port: 5173, strictPort: true },
  preview: { port: 4173, strictPort: true },
});
