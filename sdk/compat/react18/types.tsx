// Type-checked by scripts/react18.mjs against @types/react 18 and the packed declarations.
import { useState } from "react";
import { authTypeLabel, Connect, Latchkey, LatchkeyError, LatchkeyProvider, styles, useApp, useApps, useConfig, useConnect } from "@latchkey/react";
import type { App, ConnectResult, LatchkeyProviderProps } from "@latchkey/react";

export function Custom({ slug }: { slug: string }) {
  const { apps } = useApps();
  const { app } = useApp(slug);
  const { connect, pending } = useConnect(slug);
  const config = useConfig(slug, "default");
  const [result, setResult] = useState<ConnectResult | null>(null);
  const first: App | undefined = apps?.[0];
  return (
    <div>
      <p>{first?.name ?? app?.auth_types.map(authTypeLabel).join(", ")}</p>
      <button disabled={pending} onClick={() => void connect({ authType: "oauth2" }).then(setResult)}>
        connect
      </button>
      <p>{result?.status === "connected" ? (result.via ?? "direct") : result?.status}</p>
      <button onClick={() => void config.save().catch((e: LatchkeyError) => e.fieldErrors)}>save</button>
    </div>
  );
}

export function Page({ token, refresh }: { token: string; refresh: () => Promise<string> }) {
  return (
    <LatchkeyProvider baseUrl="https://connect.acme.com" sessionToken={token} getSessionToken={refresh}>
      <Connect slug="hubspot" onConnect={(c) => c.id} onDisconnect={(id) => id} onSave={(c) => c.config_id} onError={(e) => e.code} />
      <Custom slug="hubspot" />
    </LatchkeyProvider>
  );
}

const client = new Latchkey({ baseUrl: "https://connect.acme.com", sessionToken: "t" });
export const withClient = (
  <LatchkeyProvider client={client}>
    <Connect />
  </LatchkeyProvider>
);
export const props: LatchkeyProviderProps = { client };
export const css: string = styles;
// @ts-expect-error a provider needs a baseUrl or a client
export const missing = <LatchkeyProvider sessionToken="t" />;
