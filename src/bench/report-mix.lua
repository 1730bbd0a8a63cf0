-- wrk script of the benchmark (src/bench/run-benchmark.sh): Gupshup status reports, one fresh random gsId per
-- message and three statuses per message (sent, delivered, read), each acknowledged 200 counted per thread.
--
-- Environment: BENCH_PASSWORD (the channel's webhook password), BENCH_DELAY_MS (pause before each request of a
-- connection: 0 saturates, more offers a fixed load), BENCH_REPORT_SECONDS (after that, connections stop sending,
-- so that no report is still in flight when wrk stops and every committed report has its answer counted).

local password = os.getenv("BENCH_PASSWORD") or ""
local delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
local report_seconds = tonumber(os.getenv("BENCH_REPORT_SECONDS") or "20")
local statuses = { "sent", "delivered", "read" }
local threads = {}

function setup(thread)
   table.insert(threads, thread)
   thread:set("id", #threads)
end

function init(args)
   ok, refused, sent = 0, 0, 0
   stop_at = os.time() + report_seconds
   math.randomseed(os.time() * 1000 + id)
end

local function uuid()
   return string.format("%08x-%04x-4%03x-%04x-%06x%06x", math.random(0, 0xffffffff), math.random(0, 0xffff),
      math.random(0, 0xfff), math.random(0x8000, 0xbfff), math.random(0, 0xffffff), math.random(0, 0xffffff))
end

local gs_id = nil

function delay()
   if os.time() >= stop_at then
      return 3600 * 1000
   end
   return delay_ms
end

function request()
   if sent % 3 == 0 then
      gs_id = uuid()
   end
   local status = statuses[sent % 3 + 1]
   sent = sent + 1
   local now = os.time()
   local body = '{"app":"BenchApp","timestamp":' .. now .. '000,"version":2,"type":"message-event","payload":{"id":"'
      .. gs_id .. '","gsId":"' .. gs_id .. '","type":"' .. status
      .. '","destination":"918x98xx21x4","payload":{"ts":' .. now .. '}}}'
   return wrk.format("POST", nil, { ["Content-Type"] = "application/json; charset=utf-8",
      ["Authorization"] = password }, body)
end

function response(status, headers, body)
   if status == 200 then
      ok = ok + 1
   else
      refused = refused + 1
   end
end

function done(summary, latency, requests)
   local total_ok, total_refused = 0, 0
   for _, thread in ipairs(threads) do
      total_ok = total_ok + thread:get("ok")
      total_refused = total_refused + thread:get("refused")
   end
   io.write(string.format("WRK ok=%d refused=%d errors=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
      total_ok, total_refused,
      summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status
         + summary.errors.timeout,
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
