// OpenBLAS (CBLAS + LAPACKE) for MelixNumerics. Only MelixNumerics imports this module.
// Debian splits LAPACKE into liblapacke (linked in module.modulemap); it calls the LAPACK
// in libopenblas through the liblapack.so.3 alternative.
#include <cblas.h>
#include <lapacke.h>
