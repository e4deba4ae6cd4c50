import { StrictMode, useState } from "react";
import { createRoot } from "react-dom/client";
import { Connect, Latchkey, LatchkeyProvider } from "@latchkey/react";
import type { ConnectOptions, ConnectResult, LatchkeyError, LatchkeyOptions } from "@latchkey/react";

/**
 * A company's page. In a real app the session token comes from the company's backend (which mints
 * it with its API key); here, for the browser tests, from the page's query:
 * ?base_url=&token=&slug=&poll_ms= (poll_ms: the popup flow's polling interval, 1000 by default).
 */
const query = new URLSearchParams(window.location.search);
const baseUrl = query.get("base_url") ?? "http://localhost:8080";
const token = query.get("token") ?? "";
const slug = query.get("slug") ?? undefined;
const pollIntervalMs = Number(query.get("poll_ms") ?? "1000");

/**
 * The browser tests' hook: logs how each connect ended and, for a popup, how its result arrived
 * (`via message`, `via poll`, `via closed`), so a test can tell the callback's postMessage worked.
 */
class TracedLatchkey extends Latchkey {
  constructor(
    options: LatchkeyOptions,
    private readonly trace: (line: string) => void,
  ) {
    super(options);
  }

  override connect(app: string, options?: ConnectOptions): Promise<ConnectResult> {
    const started = super.connect(app, options);
    started.then(
      (r) => this.trace(`connect ${app} ${r.status}${r.status === "connected" && r.via ? ` via ${r.via}` : ""}`),
      (e: LatchkeyError) => this.trace(`connect ${app} failed ${e.code}`),
    );
    return started;
  }
}

function EventLog({ events }: { events: string[] }) {
  return (
    <section>
      <h2>Events</h2>
      <ul id="events">
        {events.map((e, i) => (
          <li key={i}>{e}</li>
        ))}
      </ul>
    </section>
  );
}

/** Build-your-own: the JS SDK behind the company's own button. */
function CustomButton({ client, app, log }: { client: Latchkey; app: string; log: (e: string) => void }) {
  const [result, setResult] = useState<ConnectResult | null>(null);
  return (
    <section>
      <h2>Custom UI</h2>
      <button
        type="button"
        onClick={() =>
          client.connect(app).then(setResult, (e: LatchkeyError) => log(`error ${e.code}`))
        }
      >
        Connect {app} with the JS SDK
      </button>
      <output id="js-result">{result ? result.status : ""}</output>
    </section>
  );
}

function Page() {
  const [events, setEvents] = useState<string[]>([]);
  const log = (e: string) => setEvents((all) => [...all, e]);
  const [client] = useState(() => new TracedLatchkey({ baseUrl, sessionToken: token, pollIntervalMs }, (e) => setEvents((all) => [...all, e])));
  return (
    <main style={{ fontFamily: "system-ui", padding: "1.5rem", maxWidth: "60rem" }}>
      <h1>Acme — integrations</h1>
      <LatchkeyProvider client={client}>
        <Connect
          slug={slug}
          onConnect={(c) => log(`connected ${c.connector}`)}
          onDisconnect={(id) => log(`disconnected ${id}`)}
          onSave={(c) => log(`saved ${c.connector}`)}
          onError={(e) => log(`error ${e.code}`)}
        />
      </LatchkeyProvider>
      {slug && <CustomButton client={client} app={slug} log={log} />}
      <EventLog events={events} />
    </main>
  );
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <Page />
  </StrictMode>,
);
