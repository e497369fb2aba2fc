# A 120x120 integer matrix product with nested loops over lists; prints a checksum.
n = 120


def make(n, seed):
    m = []
    for i in range(n):
        row = []
        for j in range(n):
            row.append((i * seed + j * 3 + 1) % 10)
        m.append(row)
    return m


def matmul(a, b, n):
    c = []
    for i in range(n):
        ai = a[i]
        row = []
        for j in range(n):
            s = 0
            for k in range(n):
                s += ai[k] * b[k][j]
            row.append(s)
        c.append(row)
    return c


c = matmul(make(n, 7), make(n, 11), n)
checksum = 0
for i in range(n):
    for j in range(n):
        checksum += c[i][j] * (i + 1) + j
print(checksum)
