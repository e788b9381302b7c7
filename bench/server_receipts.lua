-- server_receipts.lua — wrk script for bench/server_bench.sh: POSTs distinct,
-- valid receipt bodies (one JSON per line of $WAFER_BODIES, written by
-- wafer-receipt-bodies) to /v1/consents. Each wrk thread takes its own share
-- of the lines; $WAFER_DELAY_MS paces every connection (for the fixed-rate
-- run). done() prints one WAFER_RESULT line for the script to parse.

local threads = {}
local next_tid = 0

function setup(thread)
  thread:set("wafer_tid", next_tid)
  next_tid = next_tid + 1
  table.insert(threads, thread)
end

local pace = tonumber(os.getenv("WAFER_DELAY_MS") or "0")
if pace > 0 then
  function delay()
    return pace
  end
end

function init(args)
  local nthreads = tonumber(os.getenv("WAFER_WRK_THREADS") or "1")
  bodies = {}
  local i = 0
  for line in io.lines(os.getenv("WAFER_BODIES")) do
    if i % nthreads == wafer_tid then bodies[#bodies + 1] = line end
    i = i + 1
  end
  idx = 0
  created = 0
  replayed = 0
  other = 0
end

function request()
  idx = idx + 1
  local body = bodies[(idx - 1) % #bodies + 1]
  return wrk.format("POST", "/v1/consents", {["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  elseif status == 200 then
    replayed = replayed + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local c, r, o = 0, 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    r = r + t:get("replayed")
    o = o + t:get("other")
  end
  local e = summary.errors
  io.write(string.format(
    "WAFER_RESULT created=%d replayed=%d other=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d socket_errors=%d\n",
    c, r, o, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.timeout))
end
