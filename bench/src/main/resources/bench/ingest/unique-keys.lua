-- Every request a new idempotency key (first deliveries), as a provider under steady traffic sends them.
-- DELAY_MS (env) makes each connection pause between requests, to hold a lower request rate.
local counter = 0
local thread_tag = ""
local body = '{"type":"order.created","retailer":"bench","items":[{"sku":"apples","quantity":2,"unit_price":150}]}'
local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")

function setup(thread)
  thread:set("tag", tostring(math.random(1, 1000000000)))
end

function init(args)
  thread_tag = tag .. "-" .. tostring(os.time())
end

if delay_ms > 0 then
  function delay()
    return delay_ms
  end
end

request = function()
  counter = counter + 1
  return wrk.format("POST", "/api/v1/webhooks/custom",
    {["Content-Type"] = "application/json", ["X-Idempotency-Key"] = "b" .. thread_tag .. "-" .. counter}, body)
end
