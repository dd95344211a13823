-- wrk script for P5: posts workitem.updated service-hook deliveries, each with its own notificationId, so
-- every request is a new delivery that the service must store. Reads BENCH_SECRET, BENCH_WORK_ITEM and
-- BENCH_RUN_ID (which keeps subscription ids apart between runs) from the environment.
local next_thread = 0

function setup(thread)
  thread:set("thread_id", next_thread)
  next_thread = next_thread + 1
end

function init(args)
  counter = 0
  subscription = string.format("%s-%02d", os.getenv("BENCH_RUN_ID"), thread_id)
  work_item = os.getenv("BENCH_WORK_ITEM")
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["X-Webhook-Secret"] = os.getenv("BENCH_SECRET")
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"subscriptionId":"%s","notificationId":%d,"id":"%s-%d","eventType":"workitem.updated",' ..
    '"publisherId":"tfs","resource":{"workItemId":%s,"rev":2,"revision":{"id":%s,"rev":2}}}',
    subscription, counter, subscription, counter, work_item, work_item)
  return wrk.format(nil, nil, nil, body)
end

function done(summary, latency, requests)
  local acked = summary.requests - summary.errors.status - summary.errors.connect - summary.errors.read
    - summary.errors.write - summary.errors.timeout
  io.write(string.format("requests %d\n", summary.requests))
  io.write(string.format("acked %d\n", acked))
  io.write(string.format("seconds %.3f\n", summary.duration / 1e6))
  io.write(string.format("acked_per_s %.1f\n", acked / (summary.duration / 1e6)))
  io.write(string.format("p50_ms %.2f\n", latency:percentile(50) / 1000))
  io.write(string.format("p99_ms %.2f\n", latency:percentile(99) / 1000))
  io.write(string.format("non_2xx %d\n", summary.errors.status))
end
