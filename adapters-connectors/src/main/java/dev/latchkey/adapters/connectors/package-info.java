/**
 * Connector definitions (one YAML file each, under {@code resources/connectors/}) and the auth
 * adapters, one class per scheme (OAuth2, API key, basic, GitHub App, ...), behind the application's
 * connector ports. Filled by the connectors issue; the module exists now so the hexagon's shape and
 * its architecture rules are in place from the start.
 */
package dev.latchkey.adapters.connectors;
