-- Campaign counters in Redis: definitions shared by every script (RedisCounterStore prepends this
-- file). ARGV[1] is the key prefix; ids in keys are escaped by the caller (no ':' inside an id).
-- Keys are built here rather than passed in KEYS, so the scripts need a single Redis (a primary
-- with replicas or Sentinel), not Redis Cluster. Numbers cross as strings: Lua numbers are doubles,
-- exact for counts and epoch milliseconds.
--
--   P..'campaigns'              set of campaign ids
--   P..'c:'..c                  hash imp, red (totals), day_imp, day_red (latest epoch day of each)
--   P..'c:'..c..':d:'..day      hash imp, red of that day (expires after a few days)
--   P..'c:'..c..':segs'         set of segments counted
--   P..'c:'..c..':s:'..seg      hash imp, clk, conv, rev, tu, tc, cu, cc (see CounterStore.SegmentStats)
--   P..'u:'..u                  set of campaigns the user has state for
--   P..'u:'..u..':e:'..c        hash last (newest impression), seg, unconv, order, arm, rat, rseg,
--                               rconv, n (impression sequence)
--   P..'u:'..u..':t:'..c        sorted set of the user's recent impression times (frequency caps)
local P = ARGV[1]
local DAY_TTL_MS = 4 * 86400000
local MAX_IMPRESSIONS = 100

local function num(v) return tonumber(v) or 0 end
local function str(x) return string.format('%.0f', x) end

local function ckey(c) return P .. 'c:' .. c end
local function dkey(c, day) return P .. 'c:' .. c .. ':d:' .. str(day) end
local function skey(c, seg) return P .. 'c:' .. c .. ':s:' .. seg end
local function ukey(u) return P .. 'u:' .. u end
local function ekey(u, c) return P .. 'u:' .. u .. ':e:' .. c end
local function tkey(u, c) return P .. 'u:' .. u .. ':t:' .. c end

-- Adds to a (campaign, segment) counter; field rev takes a decimal string.
local function seg_add(c, seg, field, by)
  redis.call('SADD', P .. 'campaigns', c)
  redis.call('SADD', ckey(c) .. ':segs', seg)
  if field == 'rev' then
    redis.call('HINCRBYFLOAT', skey(c, seg), field, by)
  else
    redis.call('HINCRBY', skey(c, seg), field, by)
  end
end

-- Counts one unit (field imp or red) in the campaign's total and its day.
local function count(c, field, day)
  redis.call('SADD', P .. 'campaigns', c)
  redis.call('HINCRBY', ckey(c), field, 1)
  local dk = dkey(c, day)
  redis.call('HINCRBY', dk, field, 1)
  redis.call('PEXPIRE', dk, DAY_TTL_MS)
  if num(redis.call('HGET', ckey(c), 'day_' .. field)) < day then
    redis.call('HSET', ckey(c), 'day_' .. field, str(day))
  end
end

-- A planned campaign's limits: ARGV from position i, 9 values.
local function limits(i)
  return {
    id = ARGV[i], unit = num(ARGV[i + 1]), total = num(ARGV[i + 2]), daily = num(ARGV[i + 3]),
    even = num(ARGV[i + 4]), last_day = num(ARGV[i + 5]), cooldown = num(ARGV[i + 6]),
    cap = num(ARGV[i + 7]), cap_period = num(ARGV[i + 8])
  }
end

-- The most units the campaign may spend on day: its daily cap and, when paced evenly, its share of
-- what is left over the days left (MemoryCounters.dailyLimit).
local function daily_limit(k, field, day)
  local limit = k.daily > 0 and k.daily or math.huge
  if k.even == 1 then
    local spent = num(redis.call('HGET', ckey(k.id), field))
    local today = num(redis.call('HGET', dkey(k.id, day), field))
    local left = math.max(0, k.total - (spent - today))
    local days_left = math.max(1, k.last_day - day + 1)
    limit = math.min(limit, math.ceil(left / days_left))
  end
  return limit
end

-- Whether the budget (unit 0 none, 1 impressions, 2 redemptions) leaves room on day.
local function budget_allows(k, day)
  if k.unit == 0 then return true end
  local field = k.unit == 1 and 'imp' or 'red'
  return num(redis.call('HGET', ckey(k.id), field)) < k.total
      and num(redis.call('HGET', dkey(k.id, day), field)) < daily_limit(k, field, day)
end

-- Whether the user's cooldown and frequency cap allow an impression at now.
local function user_allows(u, k, now)
  local last = redis.call('HGET', ekey(u, k.id), 'last')
  if last and now - tonumber(last) < k.cooldown then return false end
  if k.cap > 0 then
    local recent = redis.call('ZCOUNT', tkey(u, k.id), '(' .. str(now - k.cap_period), '+inf')
    if recent >= k.cap then return false end
  end
  return true
end

-- Puts the user in an arm (1 treated, 2 control) at the first reach; true when this was it.
local function reach(u, c, arm, now, seg)
  local e = ekey(u, c)
  redis.call('SADD', ukey(u), c)
  if num(redis.call('HGET', e, 'arm')) ~= 0 then return false end
  redis.call('HSET', e, 'arm', arm, 'rat', str(now), 'rseg', seg, 'rconv', 0)
  return true
end
