-- reserve: ARGV prefix, user, segment, now, day, user ttl ms, planned count, 9 values per planned
-- campaign (see limits), held-out count, held-out ids. Returns the 1-based indexes of the planned
-- campaigns granted. Atomic: Redis runs one script at a time.
local u, seg, now, day, ttl = ARGV[2], ARGV[3], num(ARGV[4]), num(ARGV[5]), num(ARGV[6])
local planned = num(ARGV[7])
local granted = {}
for p = 1, planned do
  local k = limits(8 + (p - 1) * 9)
  if user_allows(u, k, now) and budget_allows(k, day) then
    count(k.id, 'imp', day)
    local e, t = ekey(u, k.id), tkey(u, k.id)
    redis.call('ZADD', t, now, str(redis.call('HINCRBY', e, 'n', 1)))
    redis.call('ZREMRANGEBYRANK', t, 0, -(MAX_IMPRESSIONS + 1))
    if num(redis.call('HGET', e, 'last')) < now then redis.call('HSET', e, 'last', str(now)) end
    redis.call('HSET', e, 'seg', seg)
    redis.call('HINCRBY', e, 'unconv', 1)
    seg_add(k.id, seg, 'imp', 1)
    if reach(u, k.id, 1, now, seg) then seg_add(k.id, seg, 'tu', 1) end
    redis.call('PEXPIRE', e, ttl)
    redis.call('PEXPIRE', t, ttl)
    granted[#granted + 1] = p
  end
end
local held_at = 8 + planned * 9
for h = 1, num(ARGV[held_at]) do
  local c = ARGV[held_at + h]
  if reach(u, c, 2, now, seg) then seg_add(c, seg, 'cu', 1) end
  redis.call('PEXPIRE', ekey(u, c), ttl)
end
redis.call('PEXPIRE', ukey(u), ttl)
return granted
