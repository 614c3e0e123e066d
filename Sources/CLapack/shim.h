// LAPACKE and CBLAS from Debian's liblapacke-dev and libopenblas-dev (REFERENCES-free: a binding).
#include <lapacke.h>
#include <cblas.h>
