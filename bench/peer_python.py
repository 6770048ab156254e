"""Peer: the Python reference model shipped with the spec
(../shared/spec/validation/slice_model.py), timed on the same append mix."""
import sys, time
sys.path.insert(0, sys.argv[1])
import slice_model as m

n = int(sys.argv[2]) if len(sys.argv) > 2 else 200000
A64 = m.Arch(8, 1 << 48)
A32 = m.Arch(4, (1 << 32) - 1)
sizes = [1, 3, 8, 12, 16, 24, 40, 100, 1000, 9000]
t0 = time.perf_counter()
s = 0
for i in range(n):
    L = (i * 7919) % 100000
    s += m.growslice(L, L, 1 + i % 13, sizes[i % 10], bool(i & 1), 27 if i & 2 else 19, A64 if i & 2 else A32)
dt = time.perf_counter() - t0
print("append\t%d\t%.4f\t%.0f" % (n, dt, n / dt))
