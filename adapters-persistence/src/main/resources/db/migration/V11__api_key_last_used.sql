-- When an API key last authenticated a request (the operator console shows it), to the minute: written
-- when an instance looks the key up, which it does at most every 30 s per key in use (its memory of a key).
ALTER TABLE api_keys ADD COLUMN last_used_at timestamptz;
