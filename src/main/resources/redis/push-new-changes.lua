-- Pushes the changes the list does not hold yet, then caps the list, atomically.
-- KEYS[1]: the list. ARGV[1]: its capacity. ARGV[2..]: entries, oldest first, each JSON starting with
-- {"position":"<hex>", so that a change delivered again (after a crash, a rebalance or a connector replay) is left out.
-- Returns how many entries were pushed.
local capacity = tonumber(ARGV[1])
local held = {}
for _, entry in ipairs(redis.call('LRANGE', KEYS[1], 0, capacity - 1)) do
  local position = string.match(entry, '^{"position":"(%x+)"')
  if position then held[position] = true end
end
local pushed = 0
for i = 2, #ARGV do
  local position = string.match(ARGV[i], '^{"position":"(%x+)"')
  if not position or not held[position] then
    redis.call('LPUSH', KEYS[1], ARGV[i])
    if position then held[position] = true end
    pushed = pushed + 1
  end
end
redis.call('LTRIM', KEYS[1], 0, capacity - 1)
return pushed
