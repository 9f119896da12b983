-- wrk script for the service benchmarks (run.sh): paces the load and prints the latency
-- percentiles wrk's --latency leaves out (95th, 99.9th).
--
-- Pacing: wrk sends as fast as it can; with RATE set, each connection waits
-- CONNECTIONS * 1000 / RATE ms before each request (wrk's delay()), so the connections
-- together send about RATE requests a second (a little less: the delay does not count the
-- response time). wrk times a request from when it is written, after the delay, so the
-- figures are each request's own latency at that rate (no coordinated-omission correction,
-- as wrk2 would make; at this load the service is idle between requests).
--
-- BODY_FILE: a file to POST as JSON; TOKEN: a bearer token; COOKIE: a session cookie.
local rate = tonumber(os.getenv("RATE") or "0")
local connections = tonumber(os.getenv("CONNECTIONS") or "1")
local body_file = os.getenv("BODY_FILE")
if body_file then
  local file = assert(io.open(body_file, "rb"))
  wrk.method = "POST"
  wrk.body = file:read("*a")
  wrk.headers["Content-Type"] = "application/json"
  file:close()
end
if os.getenv("TOKEN") then wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN") end
if os.getenv("COOKIE") then wrk.headers["Cookie"] = os.getenv("COOKIE") end

if rate > 0 then
  function delay()
    return connections * 1000 / rate
  end
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "%d requests in %.1f s: %.0f requests/s; non-2xx/3xx %d, errors %d\n",
    summary.requests, seconds, summary.requests / seconds, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  for _, p in ipairs({ 50, 90, 95, 99, 99.9 }) do
    io.write(string.format("  p%-5g %8.3f ms\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("  max    %8.3f ms\n", latency.max / 1000))
end
