-- wrk script for the service benchmarks (run.sh): paces the load at a constant rate and
-- prints the latency percentiles wrk's --latency leaves out (95th, 99.9th).
--
-- Pacing (RATE set): each of wrk's THREADS threads sends on a schedule of its own, one
-- request every THREADS / RATE s, the threads' schedules staggered, so that together they
-- send RATE requests a second whatever the response time (wrk2's constant rate; Debian's
-- wrk is not wrk2). A connection that finishes a response waits (wrk's delay()) until the
-- thread's next scheduled send, taking the next slot of the schedule.
--
-- Coordinated omission: wrk times a request from when it is written. While a free
-- connection takes each slot on time, that is the request's latency from its scheduled
-- send; when every connection is busy at a slot, the request goes out late and its wait
-- would be missing from the figures. So the script counts the requests sent more than 1 ms
-- after their slot (wrk's timers run in whole milliseconds) and the longest lag: when
-- they are near none, the percentiles are free of coordinated omission; otherwise the
-- service did not keep up, and the late sends say by how much.
--
-- BODY_FILE: a file to POST as JSON; TOKEN: a bearer token; COOKIE: a session cookie.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } paced_timespec;
  int clock_gettime(int clock, paced_timespec *now);
]]
local monotonic = 1
local now_buffer = ffi.new("paced_timespec")
local function now_ms()
  ffi.C.clock_gettime(monotonic, now_buffer)
  return tonumber(now_buffer.tv_sec) * 1000 + tonumber(now_buffer.tv_nsec) / 1e6
end

local rate = tonumber(os.getenv("RATE") or "0")
local threads = tonumber(os.getenv("THREADS") or "1")
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

-- In wrk's main state: each thread's index, and the threads for done().
local all_threads = {}
function setup(thread)
  thread:set("index", #all_threads)
  table.insert(all_threads, thread)
end

if rate > 0 then
  local interval = threads * 1000 / rate -- ms between one thread's sends
  local next_slot = nil
  sent, late, longest_lag = 0, 0, 0 -- globals, read by done() through thread:get
  function delay()
    local now = now_ms()
    if next_slot == nil then next_slot = now + index * interval / threads end
    local slot = next_slot
    next_slot = next_slot + interval
    sent = sent + 1
    if now > slot + 1 then
      late = late + 1
      if now - slot > longest_lag then longest_lag = now - slot end
      return 0
    end
    return math.max(0, math.floor(slot - now + 0.5))
  end
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "%d requests in %.1f s: %.0f requests/s; non-2xx/3xx %d, errors %d\n",
    summary.requests, seconds, summary.requests / seconds, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  if rate > 0 then
    local sent, late, lag = 0, 0, 0
    for _, thread in ipairs(all_threads) do
      sent = sent + (thread:get("sent") or 0)
      late = late + (thread:get("late") or 0)
      lag = math.max(lag, thread:get("longest_lag") or 0)
    end
    io.write(string.format(
      "  paced at %d/s: %d of %d sends more than 1 ms late (%.2f%%), longest lag %.1f ms\n",
      rate, late, sent, sent > 0 and 100 * late / sent or 0, lag))
  end
  for _, p in ipairs({ 50, 90, 95, 99, 99.9 }) do
    io.write(string.format("  p%-5g %8.3f ms\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("  max    %8.3f ms\n", latency.max / 1000))
end
