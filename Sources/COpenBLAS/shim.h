// OpenBLAS (CBLAS + LAPACKE) for MelixNumerics. Only MelixNumerics imports this module.
#include <cblas.h>
#include <lapacke.h>
