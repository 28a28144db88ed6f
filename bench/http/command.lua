-- wrk script: POST /v1/commands with "/r 1d20+5" (CONTRACT §2).
-- Environment: SIDEKICK_TOKEN (bearer token), CHANNEL (default bench), TEXT (default "/r 1d20+5").
local token = os.getenv("SIDEKICK_TOKEN") or ""
local channel = os.getenv("CHANNEL") or "bench"
local text = os.getenv("TEXT") or "/r 1d20+5"

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token
wrk.body = '{"channel":"' .. channel .. '","server":"s1","user":"u1","userName":"Grog","text":"' ..
  text .. '","canManagePlugs":false}'

-- No response() callback: wrk then parses no answer in Lua (it counts non-2xx answers itself), so
-- the load client, which shares the cores with the server, costs as little as for the hello-world.
done = function(summary, latency, requests)
  io.write(string.format("non-200 answers: %d\n", summary.errors.status))
end
