-- GET with an optional session cookie (COOKIE) or bearer token (TOKEN) from the environment.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")

local cookie = os.getenv("COOKIE")
if cookie and cookie ~= "" then wrk.headers["Cookie"] = cookie end
local token = os.getenv("TOKEN")
if token and token ~= "" then wrk.headers["Authorization"] = "Bearer " .. token end

function response(status, headers, body)
  if status ~= 200 and not reported then
    reported = true
    io.stderr:write("unexpected status " .. status .. "\n")
  end
end
