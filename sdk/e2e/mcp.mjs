// The Done-when test of the MCP server (README, "MCP server for AI agents"): the official TypeScript
// MCP client (@modelcontextprotocol/sdk) against a running Latchkey. McpClientIT (bootstrap) starts
// Latchkey and a stub provider, creates the workspace data and runs this script with:
//   LATCHKEY_URL   Latchkey's base URL
//   API_KEY        the workspace's API key
//   SESSION_TOKEN  a session token of ACCOUNT
//   ACCOUNT        a linked account with a connection to CONNECTOR (the stub answers GET /deals/42)
//   OTHER_ACCOUNT  another linked account, the only one with a connection to OTHER_CONNECTOR
//   CONNECTOR, OTHER_CONNECTOR, UNCONNECTED  connector slugs (ACCOUNT has no connection to UNCONNECTED)
//   ACTION         the tool of an action a connector file declares (ACCOUNT is connected to its app; the stub
//                  answers deal_id 7 with {"deal": {"name": "Big deal", ...}} and the action returns /deal/name)
// Prints "N passed, N failed"; exits non-zero on a failure.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required (see the top of e2e/mcp.mjs)`);
  return value;
};
const LATCHKEY_URL = env("LATCHKEY_URL");
const API_KEY = env("API_KEY");
const SESSION_TOKEN = env("SESSION_TOKEN");
const ACCOUNT = env("ACCOUNT");
const OTHER_ACCOUNT = env("OTHER_ACCOUNT");
const CONNECTOR = env("CONNECTOR");
const OTHER_CONNECTOR = env("OTHER_CONNECTOR");
const UNCONNECTED = env("UNCONNECTED");
const ACTION = env("ACTION");

/** An MCP client connected to Latchkey with these headers (the five lines of the README). */
async function connect(headers) {
  const client = new Client({ name: "latchkey-e2e", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL("/mcp", LATCHKEY_URL), { requestInit: { headers } });
  await client.connect(transport);
  return client;
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

let passed = 0;
let failed = 0;
async function test(name, body) {
  try {
    await body();
    passed++;
    console.log(`ok ${name}`);
  } catch (error) {
    failed++;
    console.log(`FAILED ${name}: ${error?.stack ?? error}`);
  }
}

const asSession = await connect({ Authorization: `Bearer ${SESSION_TOKEN}` });
const asBackend = await connect({ Authorization: `Bearer ${API_KEY}`, "X-Linked-Account-Id": ACCOUNT });

await test("the tools are listed", async () => {
  const { tools } = await asSession.listTools();
  const names = tools.map((t) => t.name).sort();
  check(JSON.stringify(names) === JSON.stringify(["call_api", "connect_app", ACTION, "list_apps", "list_connections"].sort()), `tools: ${names}`);
  check(tools.find((t) => t.name === "call_api").inputSchema.required.includes("path"), "call_api requires a path");
  check(tools.find((t) => t.name === ACTION).inputSchema.required.includes("deal_id"), "the action's input schema is the file's");
});

await test("a declared action runs against the provider and answers the fields it declares", async () => {
  const result = await asSession.callTool({ name: ACTION, arguments: { deal_id: "7" } });
  check(!result.isError, `an error: ${JSON.stringify(result)}`);
  check(result.structuredContent.status === 200, `status ${result.structuredContent.status}`);
  check(JSON.stringify(result.structuredContent.data) === JSON.stringify({ "/deal/name": "Big deal" }), JSON.stringify(result.structuredContent));
});

await test("call_api reads from the provider through the connection", async () => {
  const result = await asSession.callTool({ name: "call_api", arguments: { connector: CONNECTOR, path: "/deals/42" } });
  check(!result.isError, `an error: ${JSON.stringify(result)}`);
  check(result.structuredContent.status === 200, `status ${result.structuredContent.status}`);
  check(JSON.parse(result.structuredContent.body).deal === 42, `body ${result.structuredContent.body}`);
});

await test("connect_app gives a connect link for an app the customer has not connected", async () => {
  const { tools } = await asBackend.listTools();
  check(tools.length === 5, "the API key with X-Linked-Account-Id sees the same tools");
  const apps = (await asBackend.callTool({ name: "list_apps", arguments: {} })).structuredContent.apps;
  check(apps.some((a) => a.app === UNCONNECTED && a.connected === false), `apps: ${JSON.stringify(apps)}`);
  const result = await asBackend.callTool({ name: "connect_app", arguments: { app: UNCONNECTED } });
  check(!result.isError, `an error: ${JSON.stringify(result)}`);
  check(result.structuredContent.url.startsWith(`${LATCHKEY_URL}/connect/`), `url ${result.structuredContent.url}`);
});

await test("a write is refused in read-only mode", async () => {
  const result = await asSession.callTool({
    name: "call_api",
    arguments: { connector: CONNECTOR, method: "POST", path: "/deals", body: { name: "Big deal" } },
  });
  check(result.isError === true, `not refused: ${JSON.stringify(result)}`);
  check(result.structuredContent.code === "agent_read_only", `code ${result.structuredContent.code}`);
});

await test("another account's data is never reachable", async () => {
  const connections = (await asSession.callTool({ name: "list_connections", arguments: {} })).structuredContent.connections;
  check(connections.every((c) => c.app !== OTHER_CONNECTOR), `connections: ${JSON.stringify(connections)}`);
  const theirs = await asSession.callTool({ name: "call_api", arguments: { connector: OTHER_CONNECTOR, path: "/messages" } });
  check(theirs.isError === true && theirs.structuredContent.code === "connection_not_found", JSON.stringify(theirs));
  const named = await asSession.callTool({ name: "list_connections", arguments: { linked_account_id: OTHER_ACCOUNT } });
  check(named.isError === true && !JSON.stringify(named).includes(OTHER_CONNECTOR), JSON.stringify(named));
});

await test("without a credential the client is refused", async () => {
  let refused = false;
  try {
    await connect({});
  } catch (error) {
    refused = String(error).includes("401") || error?.code === 401;
  }
  check(refused, "an anonymous client connected");
});

await asSession.close();
await asBackend.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
