/**
 * The shapes Latchkey's session API answers, as it sends them (snake_case JSON). Values a customer
 * enters (config values, JSON fields) are passed through untouched.
 */

/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type ConnectionStatus = "active" | "expired" | "revoked";

export interface Connection {
  id: string;
  connector: string;
  auth_type: string;
  status: ConnectionStatus;
  identifier: string | null;
  scopes: string[];
  params: Record<string, string>;
  created_at: string;
  updated_at: string;
  last_refreshed_at: string | null;
  last_error: string | null;
}

/** A credential the customer types in (API key, username, password...). */
export interface CredentialField {
  name: string;
  label: string;
  secret: boolean;
  required: boolean;
  help_text: string | null;
}

/** A connection parameter (a subdomain, a region...) asked before connecting. */
export interface ConnectorParam {
  name: string;
  label: string;
  pattern: string;
  required: boolean;
  help_text: string | null;
}

export interface AuthType {
  /** `oauth2`, `oauth1`, `api_key`, `basic`, `oauth2_client_credentials`, `github_app`...: a name, not a behaviour. */
  type: string;
  /** How to name it to a customer ("OAuth 2.0", "API key"), as the scheme declares it. */
  label?: string | null;
  /** True when connecting sends the customer to the provider (OAuth 2.0, OAuth 1.0a): connect in a popup or a redirect. */
  redirects: boolean;
  /** What the customer types (none when it redirects). */
  fields: CredentialField[];
  params: ConnectorParam[];
  /** Whether Latchkey renews the credentials without the customer. */
  refreshes?: boolean;
  /** What the provider sends back to the callback besides `state` (`code`; `oauth_token`, `oauth_verifier`). */
  callback_parameters?: string[];
  /** The scopes asked for unless the workspace chooses its own. */
  scopes?: string[];
}

export interface App {
  slug: string;
  name: string;
  icon_url: string;
  categories: string[];
  auth_types: AuthType[];
  connected: boolean;
  status: ConnectionStatus | null;
  connections: Connection[];
}

export interface Session {
  linked_account_id: string;
  expires_at: string;
}

export type ConfigFieldType =
  | "text"
  | "textarea"
  | "email"
  | "url"
  | "date"
  | "number"
  | "boolean"
  | "json"
  | "select"
  | "multi_select"
  | "mapping";

export interface FieldOption {
  label: string;
  value: string;
}

/** Where a select's options come from when they live at the provider. */
export interface OptionsSource {
  method: string;
  path: string;
  items: string;
  label: string;
  value: string;
  next?: string | null;
  cursor_param?: string | null;
  search_param?: string | null;
}

/** A JSON-schema subset that a `json` field's value must satisfy. */
export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: JsonValue[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
}

export interface ConfigField {
  key: string;
  label: string;
  type: ConfigFieldType;
  required: boolean;
  default?: JsonValue;
  help_text?: string | null;
  placeholder?: string | null;
  hidden?: boolean;
  secret?: boolean;
  section?: string | null;
  depends_on?: { field: string; equals: JsonValue } | null;
  min_length?: number | null;
  max_length?: number | null;
  pattern?: string | null;
  min?: number | null;
  max?: number | null;
  integer?: boolean | null;
  schema?: JsonSchema | null;
  options?: FieldOption[] | null;
  options_from?: OptionsSource | null;
  /** Mapping fields: the company's side, each mapped to one option. */
  sources?: { key: string; label: string }[] | null;
  /** The stored value, else the default, else null. A stored secret is `"********"`. */
  value: JsonValue;
}

export interface FieldError {
  field: string;
  message: string;
}

export interface Config {
  connector: string;
  config_id: string;
  sections: { name: string | null; fields: string[] }[];
  fields: ConfigField[];
  field_errors: FieldError[];
  updated_at: string | null;
}

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

export interface Branding {
  name?: string | null;
  logo_url?: string | null;
  primary_color?: string | null;
  accent_color?: string | null;
  background_color?: string | null;
  theme?: string | null;
  font_family?: string | null;
  border_radius?: string | number | null;
  labels?: Record<string, string> | null;
  hide_powered_by?: boolean | null;
  privacy_url?: string | null;
  terms_url?: string | null;
  support_url?: string | null;
}

/**
 * How a popup connect learned its result: the callback page's `message` (the normal path), a `poll`
 * of the app (no message came), or the check made once the popup `closed` (its message was lost).
 */
export type ConnectVia = "message" | "poll" | "closed";

/** How `connect` ended. */
export type ConnectResult =
  /** `via`: set by the popup flow only. */
  | { status: "connected"; connection: Connection; via?: ConnectVia }
  /** Redirect mode: navigate the page to `url`; Latchkey sends the customer back to `return_url`. */
  | { status: "redirect"; url: string; expires_at: string }
  /** The customer closed the popup before finishing. */
  | { status: "cancelled" }
  /** The provider or Latchkey refused (`access_denied`, an expired authorization...). */
  | { status: "error"; error: string };

export interface ConnectOptions {
  /** One of the app's `auth_types[].type`; the first one when omitted. */
  authType?: string;
  params?: Record<string, string>;
  /** Key-based auth types: the values of the auth type's `fields`. */
  credentials?: Record<string, string>;
  /** OAuth: `popup` (default) or `redirect`. */
  mode?: "popup" | "redirect";
  /** Redirect mode: where Latchkey sends the customer back (under an allowed origin). */
  returnUrl?: string;
}
