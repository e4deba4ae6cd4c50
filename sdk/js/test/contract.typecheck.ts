/**
 * The SDK's hand-written types checked against the server's OpenAPI document (sdk/openapi.yml, the
 * document adapters-web generates; OpenApiDocumentCopyTest fails the Maven build when the copy is
 * stale). `npm run generate` turns it into ./contract/openapi.d.ts; `tsc` compiles this file in
 * `npm run check`, so a field renamed, removed or retyped on the server breaks the SDK's build.
 * Nothing runs: every check is a type that fails to compile when the two disagree.
 */
import type { paths } from "./contract/openapi";
import type { ConnectAnswer } from "../src/client";
import type { App, Branding, Connection, FieldError, FieldOption, Page, Session } from "../src/types";

/** The JSON body of a path's 200 or 201 answer. */
type Answer<P extends keyof paths, M extends "get" | "put" | "post"> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: { content: { "application/json": infer B } } }
    ? B
    : R extends { 201: { content: { "application/json": infer B } } }
      ? B
      : never
  : never;

/** T with every object field, at any depth, required (null stays). */
type Sent<T> = T extends (infer E)[] ? Sent<E>[] : T extends object ? { [K in keyof T]-?: Sent<Exclude<T[K], undefined>> } : T;

/**
 * The SDK reads the server's answer as `Sdk`: every field the SDK declares, optional ones too, exists
 * on the server (a rename fails here), and every field both name has a server type the SDK's type accepts, the
 * document's optionality aside (Required: the document marks fields optional that the server
 * always sends, at any depth; null stays checked).
 */
type Reads<Server, Sdk> = [Server] extends [never]
  ? { no_such_answer_in_the_document: Sdk }
  : string extends keyof Server
  ? { answer_is_an_untyped_map_in_the_document: Server }
  : [Exclude<keyof Sdk, keyof Server>] extends [never]
  ? [{ [K in keyof Sdk & keyof Server]-?: Sent<Exclude<Server[K], undefined>> }] extends [{ [K in keyof Sdk & keyof Server]-?: Sdk[K] }]
    ? true
    : { field_types_differ: { [K in keyof Sdk & keyof Server]: [server: Sent<Exclude<Server[K], undefined>>, sdk: Sdk[K]] } }
  : { fields_missing_on_server: Exclude<keyof Sdk, keyof Server> };

/** Compiles only when T is `true`; otherwise the error shows what differs. */
function agrees<T extends true>(): T | void {}

type Schemas = import("./contract/openapi").components["schemas"];

agrees<Reads<Answer<"/v1/session", "get">, Session>>();
agrees<Reads<Answer<"/v1/apps", "get">, Page<App>>>();
agrees<Reads<Answer<"/v1/apps", "get">["data"][number], App>>();
agrees<Reads<Answer<"/v1/apps/{slug}", "get">, App>>();
agrees<Reads<Schemas["Connection"], Connection>>();
// `label`: the SDK shows it when Latchkey gives one; the server does not send it (yet), so the SDK
// falls back to "OAuth", "API key"...
agrees<Reads<Schemas["ConnectorAuthType"], Omit<App["auth_types"][number], "label">>>();
agrees<Reads<Schemas["ConnectorField"], App["auth_types"][number]["fields"][number]>>();
agrees<Reads<Schemas["ConnectorParam"], App["auth_types"][number]["params"][number]>>();
// Not yet: the document gives GET/PUT /v1/apps/{slug}/config's answer as a map of anything (the
// controller returns a Map), which would accept any Config. When it names its schema, add:
//   agrees<Reads<Answer<"/v1/apps/{slug}/config", "get">, Config>>();
//   agrees<Reads<Answer<"/v1/apps/{slug}/config", "put">, Config>>();
agrees<Reads<Schemas["FieldError"], FieldError>>();
agrees<Reads<Answer<"/v1/apps/{slug}/config/fields/{key}/options", "get">, Page<FieldOption>>>();
agrees<Reads<Answer<"/v1/apps/{slug}/config/fields/{key}/options", "get">["data"][number], FieldOption>>();
agrees<Reads<Answer<"/v1/apps/{slug}/connect", "post">, ConnectAnswer>>();
agrees<Reads<Answer<"/v1/branding", "get">, Branding>>();
