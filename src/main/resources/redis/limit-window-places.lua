-- Places changes in the windows of table limits (dq-monitor, LimitWindows). One key per window, a hash from a
-- change's identity to its 0-based place. KEYS: the windows, one per claim. ARGV[1]: seconds a window is kept after
-- its last new member; then per claim its member and its limit. Returns each claim's place, -1 past the limit.
local ttl = tonumber(ARGV[1])
local places = {}
for i, key in ipairs(KEYS) do
  local member = ARGV[2 * i]
  local limit = tonumber(ARGV[2 * i + 1])
  local place = redis.call('HGET', key, member)
  if place then
    places[i] = tonumber(place)
  else
    local size = redis.call('HLEN', key)
    -- places past limit are never reported: only the change that crossed the limit is
    if size <= limit then
      redis.call('HSET', key, member, size)
      redis.call('EXPIRE', key, ttl)
      places[i] = size
    else
      places[i] = -1
    end
  end
end
return places
