// LAPACKE and CBLAS from Debian's liblapacke-dev and libopenblas-dev. The module map also links
// libm: Swift lowers Double.squareRoot() and rounded() to libm calls, and an executable that
// uses SimMath without Foundation does not link without it.
#include <lapacke.h>
#include <cblas.h>
