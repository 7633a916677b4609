-- The seed's two tables, as its Prisma model describes them: the idempotency table (request and cached
-- response kept per key, 24 h TTL) and the orders the WhatsApp handler creates.
CREATE TABLE IF NOT EXISTS webhook_idempotency (
  idempotency_key text PRIMARY KEY,
  webhook_type    text        NOT NULL,
  request_body    jsonb       NOT NULL,
  response_status integer,
  response_body   jsonb,
  created_at      timestamptz NOT NULL DEFAULT now(),
  expires_at      timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS webhook_idempotency_expires_at ON webhook_idempotency (expires_at);
CREATE TABLE IF NOT EXISTS orders (
  id              bigserial PRIMARY KEY,
  retailer        text        NOT NULL,
  item            text        NOT NULL,
  quantity        integer     NOT NULL,
  idempotency_key text        NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);
