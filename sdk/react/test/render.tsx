import { render } from "@testing-library/react";
import { Connect, Latchkey, LatchkeyProvider } from "../src/index.js";
import type { ConnectProps, LatchkeyOptions } from "../src/index.js";
import { stubLatchkey } from "../../js/test/stub.js";

export { app, connection, stubLatchkey } from "../../js/test/stub.js";

/**
 * <Connect> inside a provider whose client talks to a stubbed Latchkey. The popup flow never polls
 * within a test (every ten minutes), so an OAuth result can only come from the callback's message
 * or the closed-popup check.
 */
export function renderConnect(routes: Parameters<typeof stubLatchkey>[0], props: ConnectProps = {}, options: Partial<LatchkeyOptions> = {}) {
  const stub = stubLatchkey(routes);
  const client = new Latchkey({ baseUrl: "https://connect.acme.test", sessionToken: "t", fetch: stub.fetch, pollIntervalMs: 600_000, ...options });
  const view = render(
    <LatchkeyProvider client={client}>
      <Connect {...props} />
    </LatchkeyProvider>,
  );
  return { ...view, stub, client };
}
