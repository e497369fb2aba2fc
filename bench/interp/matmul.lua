-- A 120x120 integer matrix product with nested loops over lists; prints a checksum.
-- Indices run from 0 in the formulas (as in the Melix and Python versions) and are
-- shifted by one only to address Lua's 1-based tables.
local n = 120

local function make(n, seed)
  local m = {}
  for i = 0, n - 1 do
    local row = {}
    for j = 0, n - 1 do
      row[j + 1] = (i * seed + j * 3 + 1) % 10
    end
    m[i + 1] = row
  end
  return m
end

local function matmul(a, b, n)
  local c = {}
  for i = 1, n do
    local ai = a[i]
    local row = {}
    for j = 1, n do
      local s = 0
      for k = 1, n do
        s = s + ai[k] * b[k][j]
      end
      row[j] = s
    end
    c[i] = row
  end
  return c
end

local c = matmul(make(n, 7), make(n, 11), n)
local checksum = 0
for i = 0, n - 1 do
  for j = 0, n - 1 do
    checksum = checksum + c[i + 1][j + 1] * (i + 1) + j
  end
end
print(checksum)
