import { render } from "@testing-library/react";
import { Connect, Latchkey, LatchkeyProvider } from "../src/index.js";
import type { ConnectProps } from "../src/index.js";
import { stubLatchkey } from "../../js/test/stub.js";

export { app, connection, stubLatchkey } from "../../js/test/stub.js";

/** <Connect> inside a provider whose client talks to a stubbed Latchkey. */
export function renderConnect(routes: Parameters<typeof stubLatchkey>[0], props: ConnectProps = {}) {
  const stub = stubLatchkey(routes);
  const client = new Latchkey({ baseUrl: "https://connect.acme.test", sessionToken: "t", fetch: stub.fetch, pollIntervalMs: 1000 });
  const view = render(
    <LatchkeyProvider baseUrl="https://connect.acme.test" client={client}>
      <Connect {...props} />
    </LatchkeyProvider>,
  );
  return { ...view, stub, client };
}
