-- The MCP server for AI agents (README, "MCP server for AI agents").
-- A workspace's guardrails for agents, with its other settings: the connectors agents may use (NULL or
-- an empty array: every enabled one), read-only mode (GET and HEAD only; the default) and each linked
-- account's calls per minute, and the connector files' actions they may use (NULL or []: every one).
ALTER TABLE workspace_settings
    ADD COLUMN agent_connectors       jsonb   CHECK (agent_connectors IS NULL OR jsonb_typeof(agent_connectors) = 'array'),
    ADD COLUMN agent_read_only        boolean NOT NULL DEFAULT true,
    ADD COLUMN agent_calls_per_minute integer NOT NULL DEFAULT 60 CHECK (agent_calls_per_minute BETWEEN 1 AND 10000),
    ADD COLUMN agent_actions          jsonb   CHECK (agent_actions IS NULL OR jsonb_typeof(agent_actions) = 'array');

-- Every tool call of an agent lands in the activity log as kind 'mcp'.
ALTER TABLE activity_log DROP CONSTRAINT activity_log_kind_check;
ALTER TABLE activity_log ADD CONSTRAINT activity_log_kind_check CHECK (kind IN ('proxy', 'refresh', 'webhook', 'mcp'));
