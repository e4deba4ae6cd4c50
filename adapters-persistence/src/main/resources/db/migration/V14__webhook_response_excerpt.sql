-- The start of what a webhook endpoint answered to its delivery's last attempt, for the console's
-- delivery log ("the endpoint said: {"error":"unknown tenant"}"): at most 512 characters, the signing
-- secret and anything shaped like a secret masked before it is stored (WebhookDelivery.excerpt).
-- Null when the endpoint was not reached or answered nothing. Kept and purged with its delivery.
ALTER TABLE webhook_deliveries
    ADD COLUMN last_response_excerpt text CHECK (char_length(last_response_excerpt) <= 512);
