'use strict';
// The seed's design (an Express middleware over a Postgres idempotency table), written the way its
// quick reference describes it, so bin/bench can run it on the same schedule and the same PostgreSQL
// as webhookgate. It is the baseline of the e2e benchmark, not product code:
//   1. validate the key (^[A-Za-z0-9_-]{1,255}$), else 400;
//   2. INSERT ... ON CONFLICT DO NOTHING claims the key (the lock);
//   3. the claimant processes the webhook (creates the order) and caches its response in the same row,
//      in one transaction, so a crash cannot leave an order without its cached answer;
//   4. anyone who lost the claim replays the cached response, waiting briefly while the claimant works;
//   5. a cleanup deletes expired rows every hour (node-cron in the seed; setInterval here).
const express = require('express');
const fs = require('fs');
const path = require('path');
const { Pool } = require('pg');

const port = Number(process.env.PORT || 3000);
const ttlSeconds = Number(process.env.IDEMPOTENCY_TTL || 86400);
const header = (process.env.IDEMPOTENCY_HEADER || 'x-idempotency-key').toLowerCase();
const keyFormat = /^[A-Za-z0-9_-]{1,255}$/;
// node-postgres reads PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE; pool size as pg's default.
const pool = new Pool({ max: Number(process.env.PG_POOL_SIZE || 10) });

const app = express();
app.use(express.json({ limit: '512kb' }));

async function lookup(key) {
  const r = await pool.query(
    'SELECT response_status, response_body FROM webhook_idempotency WHERE idempotency_key = $1 AND expires_at > now()',
    [key]);
  return r.rows[0];
}

function idempotency(webhookType) {
  return async (req, res, next) => {
    const key = req.get(header);
    if (!key) return res.status(400).json({ error: 'missing_idempotency_key', message: 'X-Idempotency-Key is required' });
    if (!keyFormat.test(key)) {
      return res.status(400).json({ error: 'invalid_idempotency_key', message: 'Invalid idempotency key format' });
    }
    try {
      const cached = await lookup(key);
      if (cached && cached.response_status) {
        return res.status(cached.response_status).set('Idempotent-Replayed', 'true').json(cached.response_body);
      }
      const claim = await pool.query(
        `INSERT INTO webhook_idempotency (idempotency_key, webhook_type, request_body, expires_at)
         VALUES ($1, $2, $3, now() + make_interval(secs => $4)) ON CONFLICT (idempotency_key) DO NOTHING
         RETURNING idempotency_key`,
        [key, webhookType, req.body, ttlSeconds]);
      if (claim.rowCount === 1) {
        req.idempotencyKey = key;
        return next();
      }
      // Someone else holds the key: replay their answer once it is cached (the seed's "return cached
      // response"), for at most 2 s, then tell the provider to retry.
      for (let i = 0; i < 200; i++) {
        const row = await lookup(key);
        if (row && row.response_status) {
          return res.status(row.response_status).set('Idempotent-Replayed', 'true').json(row.response_body);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return res.status(409).json({ error: 'in_progress', message: 'An earlier delivery of this key is still being processed' });
    } catch (e) {
      return res.status(503).json({ error: 'unavailable', message: e.message });
    }
  };
}

app.post('/api/v1/whatsapp/webhook', idempotency('whatsapp_message'), async (req, res) => {
  const body = req.body || {};
  const match = /^order\s+(\d+)\s+(\S+)/i.exec(String(body.Body || ''));
  const answer = { status: 'accepted', idempotency_key: req.idempotencyKey, received_at: new Date().toISOString() };
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    if (match) {
      await client.query('INSERT INTO orders (retailer, item, quantity, idempotency_key) VALUES ($1, $2, $3, $4)',
        [String(body.From || ''), match[2].toLowerCase(), Number(match[1]), req.idempotencyKey]);
    }
    await client.query('UPDATE webhook_idempotency SET response_status = 200, response_body = $2 WHERE idempotency_key = $1',
      [req.idempotencyKey, answer]);
    await client.query('COMMIT');
    res.status(200).json(answer);
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    // Release the claim so the provider's retry can process it.
    await pool.query('DELETE FROM webhook_idempotency WHERE idempotency_key = $1', [req.idempotencyKey]).catch(() => {});
    res.status(503).json({ error: 'unavailable', message: e.message });
  } finally {
    client.release();
  }
});

app.get('/health/ready', async (req, res) => {
  try { await pool.query('SELECT 1'); res.json({ status: 'UP' }); } catch (e) { res.status(503).json({ status: 'DOWN' }); }
});

async function main() {
  await pool.query(fs.readFileSync(path.join(__dirname, 'schema.sql'), 'utf8'));
  setInterval(() => pool.query('DELETE FROM webhook_idempotency WHERE expires_at < now()').catch(() => {}), 3600_000).unref();
  const server = app.listen(port, '127.0.0.1', () => console.log(`seed-baseline listening on ${port}`));
  process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
}
main().catch((e) => { console.error(e); process.exit(1); });
