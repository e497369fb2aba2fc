# A loop summing 1..10^7: measures loop and arithmetic overhead.
total = 0
for i in range(1, 10000001):
    total += i
print(total)
