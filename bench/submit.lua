-- bench/submit.lua — wrk script of bench/submit.sh: every request submits the survey of a
-- different invitation (tokens from the file named by $KH_TOKENS, one per line); thread k of n
-- takes tokens k, k+n, k+2n, … so no token is submitted twice.
local tokens = {}
for line in io.lines(os.getenv("KH_TOKENS")) do tokens[#tokens + 1] = line end
local threads = {}
function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end
function init(args)
  step = tonumber(os.getenv("KH_WRK_THREADS") or "2")
  i = id - step
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
-- q0=满意&q1=基本满意
wrk.body = "q0=%E6%BB%A1%E6%84%8F&q1=%E5%9F%BA%E6%9C%AC%E6%BB%A1%E6%84%8F"
function request()
  i = i + step
  return wrk.format(nil, "/s/" .. (tokens[i] or "exhausted"))
end
