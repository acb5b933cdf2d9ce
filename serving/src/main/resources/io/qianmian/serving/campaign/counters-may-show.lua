-- mayShow: ARGV prefix, user, now, day, 9 values of one campaign (see limits). Returns 1 or 0.
local u, now, day = ARGV[2], num(ARGV[3]), num(ARGV[4])
local k = limits(5)
if user_allows(u, k, now) and budget_allows(k, day) then return 1 end
return 0
