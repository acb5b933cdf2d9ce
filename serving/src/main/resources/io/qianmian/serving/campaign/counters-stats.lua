-- stats: ARGV prefix. Returns per campaign {id, imp, red, imp of the latest day, red of the latest
-- day, {segment, imp, clk, conv, rev, tu, tc, cu, cc}, ...}, every value a string.
local FIELDS = {'imp', 'clk', 'conv', 'rev', 'tu', 'tc', 'cu', 'cc'}
local out = {}
for _, c in ipairs(redis.call('SMEMBERS', P .. 'campaigns')) do
  local totals = redis.call('HMGET', ckey(c), 'imp', 'red', 'day_imp', 'day_red')
  local imp_today = totals[3] and redis.call('HGET', dkey(c, num(totals[3])), 'imp')
  local red_today = totals[4] and redis.call('HGET', dkey(c, num(totals[4])), 'red')
  local row = {c, totals[1] or '0', totals[2] or '0', imp_today or '0', red_today or '0'}
  for _, seg in ipairs(redis.call('SMEMBERS', ckey(c) .. ':segs')) do
    local v = redis.call('HMGET', skey(c, seg), unpack(FIELDS))
    local s = {seg}
    for i = 1, #FIELDS do s[i + 1] = v[i] or '0' end
    row[#row + 1] = s
  end
  out[#out + 1] = row
end
return out
