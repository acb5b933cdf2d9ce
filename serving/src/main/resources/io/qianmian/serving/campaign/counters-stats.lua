-- stats: ARGV prefix. Returns per campaign {id, imp, red, imp of the latest day, red of the latest
-- day, {segment, imp, clk, conv, rev, tu, tc, cu, cc}, ...}, every value a string.
local FIELDS = {'imp', 'clk', 'conv', 'rev', 'tu', 'tc', 'cu', 'cc'}
local out = {}
for _, c in ipairs(redis.call('SMEMBERS', P .. 'campaigns')) do
  local totals = redis.call('HMGET', ckey(c), 'imp', 'red', 'day')
  local today = {false, false}
  if totals[3] then today = redis.call('HMGET', dkey(c, num(totals[3])), 'imp', 'red') end
  local row = {c, totals[1] or '0', totals[2] or '0', today[1] or '0', today[2] or '0'}
  for _, seg in ipairs(redis.call('SMEMBERS', ckey(c) .. ':segs')) do
    local v = redis.call('HMGET', skey(c, seg), unpack(FIELDS))
    local s = {seg}
    for i = 1, #FIELDS do s[i + 1] = v[i] or '0' end
    row[#row + 1] = s
  end
  out[#out + 1] = row
end
return out
