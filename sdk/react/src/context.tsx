import { createContext, useContext, useEffect, useMemo, useRef, useState } from "react";
import type { ReactNode } from "react";
import { Latchkey, LatchkeyError } from "@latchkey/js";
import type { Branding } from "@latchkey/js";

interface LatchkeyContextValue {
  client: Latchkey;
  /** null while loading or when the workspace has none (then the defaults apply). */
  branding: Branding | null;
}

const LatchkeyContext = createContext<LatchkeyContextValue | null>(null);

interface TokenProps {
  /**
   * A session token your backend minted for this customer. A new value replaces the token of the
   * same client (nothing is refetched); a token refreshed through `getSessionToken` is kept until then.
   */
  sessionToken?: string;
  /** Asks your backend for a fresh session token; called when the current one expires (the latest function given is used). */
  getSessionToken?: () => Promise<string>;
  children?: ReactNode;
}

export type LatchkeyProviderProps = TokenProps &
  (
    | {
        /** Where Latchkey runs, e.g. `https://connect.acme.com`. */
        baseUrl: string;
        client?: undefined;
      }
    | {
        /** A client you built yourself (tests, custom fetch); then baseUrl and the tokens are not used. */
        client: Latchkey;
        baseUrl?: string;
      }
  );

/**
 * Gives the components and hooks below it one Latchkey client for the provider's lifetime, and the
 * workspace's branding (fetched once per client). Only a new `baseUrl` (or `client`) makes another one.
 */
export function LatchkeyProvider({ baseUrl, sessionToken, getSessionToken, client, children }: LatchkeyProviderProps) {
  // The latest getSessionToken, without rebuilding the client when its identity changes on each render.
  const tokenSource = useRef(getSessionToken);
  tokenSource.current = getSessionToken;
  // The token the client was built with or last given: a re-render with the same prop keeps a refreshed token.
  const givenToken = useRef(sessionToken);
  // One client per provider (a ref, not a memo React may drop), rebuilt only for another baseUrl.
  const built = useRef<{ baseUrl: string; client: Latchkey } | null>(null);
  if (!client && built.current?.baseUrl !== baseUrl) {
    if (!baseUrl) throw new LatchkeyError("baseUrl is required, e.g. https://connect.acme.com", "invalid_options", 0);
    if (givenToken.current === undefined && tokenSource.current === undefined) {
      throw new LatchkeyError("Give a sessionToken or a getSessionToken function.", "invalid_options", 0);
    }
    built.current = {
      baseUrl,
      client: new Latchkey({
        baseUrl,
        sessionToken: givenToken.current,
        // Always given, so a getSessionToken passed after the first render is used too.
        getSessionToken: () => {
          const get = tokenSource.current;
          return get ? get() : Promise.reject(new LatchkeyError("The session token expired.", "unauthorized", 401));
        },
      }),
    };
  }
  const own = client ? null : built.current!.client;
  if (own && sessionToken !== undefined && sessionToken !== givenToken.current) {
    // In render, not in an effect: children's effects run first and must already send the new token.
    givenToken.current = sessionToken;
    own.setSessionToken(sessionToken);
  }
  const latchkey = client ?? own!;
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
