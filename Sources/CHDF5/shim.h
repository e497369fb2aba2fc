// libhdf5 for MelixHDF5. HDF5's type and property macros (H5T_NATIVE_DOUBLE, H5P_DEFAULT)
// are not importable as Swift constants, so they are re-exported as static inline functions.
#include <hdf5.h>
