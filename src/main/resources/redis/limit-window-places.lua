-- Places changes in the windows of table limits (dq-monitor, LimitWindows). One key per window, a hash from a
-- change's identity to its 0-based place. KEYS: the windows, one per claim. ARGV[1]: seconds a window is kept after
-- its last new member; then per claim its member and its limit. Returns each claim's place, -1 past the limit.
-- A new member below the limit, the common case, costs three calls: HLEN, HSETNX and EXPIRE.
local ttl = tonumber(ARGV[1])
local places = {}
for i, key in ipairs(KEYS) do
  local member = ARGV[2 * i]
  local limit = tonumber(ARGV[2 * i + 1])
  local size = redis.call('HLEN', key)
  -- places past limit are never given: only the change that crossed the limit is reported
  if size <= limit and redis.call('HSETNX', key, member, size) == 1 then
    redis.call('EXPIRE', key, ttl)
    places[i] = size
  else
    -- a member placed before (a change delivered again), or a window already past its limit
    local place = redis.call('HGET', key, member)
    places[i] = place and tonumber(place) or -1
  end
end
return places
