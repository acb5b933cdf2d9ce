-- outcome: ARGV prefix, user, campaign ('' none), type, timestamp, revenue, order ('' none), day,
-- attribution window ms, clock skew ms, user ttl ms. Mirrors MemoryCounters.outcome.
local u, c, kind, ts, rev, order = ARGV[2], ARGV[3], ARGV[4], num(ARGV[5]), ARGV[6], ARGV[7]
local day, window, skew, ttl = num(ARGV[8]), num(ARGV[9]), num(ARGV[10]), num(ARGV[11])
local NO_SEGMENT = '(none)'
local purchase = kind == 'PURCHASE'
if c == '' and not purchase then return 0 end

-- Clicks, revenue, redemptions and conversions of an event carrying a campaign id; e is the user's
-- entry for the campaign or nil.
local function campaign_event(e, seg)
  if c == '' then return end
  if kind == 'CLICK' then
    seg_add(c, seg, 'clk', 1)
  elseif kind == 'REFUND' then
    seg_add(c, seg, 'rev', rev)
  elseif purchase then
    seg_add(c, seg, 'rev', rev)
    local new_order = true
    if e and order ~= '' then
      new_order = redis.call('HGET', e, 'order') ~= order
      redis.call('HSET', e, 'order', order)
    end
    if new_order then
      count(c, 'red', day)
      if e and num(redis.call('HGET', e, 'unconv')) > 0 and ts <= num(redis.call('HGET', e, 'last')) + window then
        redis.call('HINCRBY', e, 'unconv', -1)
        seg_add(c, seg, 'conv', 1)
      end
    end
  end
end

local known = redis.call('EXISTS', ukey(u)) == 1
if not known and not (purchase and c ~= '') then
  campaign_event(nil, NO_SEGMENT)
  return 1
end
if c ~= '' then
  local e = nil
  if purchase or redis.call('SISMEMBER', ukey(u), c) == 1 then
    e = ekey(u, c)
    redis.call('SADD', ukey(u), c)
  end
  local seg = e and redis.call('HGET', e, 'seg') or false
  campaign_event(e, seg or NO_SEGMENT)
  if e then redis.call('PEXPIRE', e, ttl) end
end
if purchase then
  for _, id in ipairs(redis.call('SMEMBERS', ukey(u))) do
    local e = ekey(u, id)
    local v = redis.call('HMGET', e, 'arm', 'rat', 'rseg', 'rconv')
    local arm, rat = num(v[1]), num(v[2])
    if arm ~= 0 and num(v[4]) == 0 and ts >= rat - skew and ts <= rat + window then
      redis.call('HSET', e, 'rconv', 1)
      seg_add(id, v[3], arm == 2 and 'cc' or 'tc', 1)
    end
  end
end
redis.call('PEXPIRE', ukey(u), ttl)
return 1
