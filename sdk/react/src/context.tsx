import { createContext, useContext, useEffect, useMemo, useRef, useState } from "react";
import type { ReactNode } from "react";
import { Latchkey } from "@latchkey/js";
import type { Branding } from "@latchkey/js";

interface LatchkeyContextValue {
  client: Latchkey;
  /** null while loading or when the workspace has none (then the defaults apply). */
  branding: Branding | null;
}

const LatchkeyContext = createContext<LatchkeyContextValue | null>(null);

export interface LatchkeyProviderProps {
  /** Where Latchkey runs, e.g. `https://connect.acme.com`. */
  baseUrl: string;
  /** A session token your backend minted for this customer. */
  sessionToken?: string;
  /** Asks your backend for a fresh session token; called when the current one expires. */
  getSessionToken?: () => Promise<string>;
  /** A client you built yourself (tests, custom fetch); then baseUrl and the tokens are not used. */
  client?: Latchkey;
  children?: ReactNode;
}

/** Gives the components and hooks below it a Latchkey client, and the workspace's branding (fetched once). */
export function LatchkeyProvider({ baseUrl, sessionToken, getSessionToken, client, children }: LatchkeyProviderProps) {
  // The latest getSessionToken, without rebuilding the client when its identity changes on each render.
  const tokenSource = useRef(getSessionToken);
  tokenSource.current = getSessionToken;
  const hasTokenSource = getSessionToken !== undefined;
  const latchkey = useMemo(
    () =>
      client ??
      new Latchkey({
        baseUrl,
        sessionToken,
        getSessionToken: hasTokenSource
          ? () => {
              const get = tokenSource.current;
              return get ? get() : Promise.reject(new Error("getSessionToken is no longer given"));
            }
          : undefined,
      }),
    [client, baseUrl, sessionToken, hasTokenSource],
  );
  const [branding, setBranding] = useState<Branding | null>(null);
  useEffect(() => {
    let live = true;
    latchkey.branding().then(
      (b) => live && setBranding(b),
      () => live && setBranding(null),
    );
    return () => {
      live = false;
    };
  }, [latchkey]);
  const value = useMemo(() => ({ client: latchkey, branding }), [latchkey, branding]);
  return <LatchkeyContext.Provider value={value}>{children}</LatchkeyContext.Provider>;
}

function useLatchkeyContext(): LatchkeyContextValue {
  const value = useContext(LatchkeyContext);
  if (!value) throw new Error("Latchkey's components and hooks need a <LatchkeyProvider> above them.");
  return value;
}

/** The client of the nearest LatchkeyProvider, for calls the hooks do not cover. */
export function useLatchkey(): Latchkey {
  return useLatchkeyContext().client;
}

export function useBranding(): Branding | null {
  return useLatchkeyContext().branding;
}
