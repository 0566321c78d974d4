-- Counts values in the percentage windows of thresholds (dq-monitor, LimitWindows#count). Per tally two keys: the
-- window's counts (a hash: n values, f failing, and once crossed the member that crossed it with cf and cn, the counts
-- then) and its members (a set, so that a change delivered again is not counted twice; dropped once the window is
-- decided). ARGV[1]: the most members a window counts; then per tally its member, 1 if it failed, the percentage, 1 if
-- the percentage itself is allowed, the least values judged, and the seconds the window is kept after its last new
-- member. Returns per tally three numbers: 1 if this member crossed the bound (-1 if the window was full, else 0),
-- and the failing and total values when it crossed.
local cap = tonumber(ARGV[1])
local out = {}
for i = 1, #KEYS / 2 do
  local counts, members = KEYS[2 * i - 1], KEYS[2 * i]
  local a = 1 + 6 * (i - 1)
  local member, failed, percent = ARGV[a + 1], tonumber(ARGV[a + 2]), tonumber(ARGV[a + 3])
  local inclusive, least, ttl = ARGV[a + 4] == '1', tonumber(ARGV[a + 5]), tonumber(ARGV[a + 6])
  local crossed = redis.call('HGET', counts, 'crossed')
  local code, f, n = 0, 0, 0
  if crossed then
    if crossed == member then
      code, f, n = 1, tonumber(redis.call('HGET', counts, 'cf')), tonumber(redis.call('HGET', counts, 'cn'))
    end
  elseif redis.call('SISMEMBER', members, member) == 0 then
    if redis.call('SCARD', members) >= cap then
      code = -1
    else
      redis.call('SADD', members, member)
      n = redis.call('HINCRBY', counts, 'n', 1)
      f = redis.call('HINCRBY', counts, 'f', failed)
      redis.call('EXPIRE', counts, ttl)
      redis.call('EXPIRE', members, ttl)
      local over = (inclusive and f * 100 > percent * n) or (not inclusive and f * 100 >= percent * n)
      if n >= least and over then
        redis.call('HSET', counts, 'crossed', member, 'cf', f, 'cn', n)
        redis.call('DEL', members)
        redis.call('EXPIRE', counts, ttl)
        code = 1
      else
        f, n = 0, 0
      end
    end
  end
  out[3 * i - 2], out[3 * i - 1], out[3 * i] = code, f, n
end
return out
