// libhdf5 for MelixHDF5. HDF5's type and property macros (H5T_NATIVE_DOUBLE, H5P_DEFAULT)
// are not importable as Swift constants, so they are re-exported as static inline functions.
// Only MelixHDF5 imports this module; nothing above it sees an hid_t.
#ifndef MELIX_CHDF5_SHIM_H
#define MELIX_CHDF5_SHIM_H

#include <hdf5.h>
#include <string.h>

static inline hid_t melix_h5p_default(void) { return H5P_DEFAULT; }
static inline hid_t melix_h5s_all(void) { return H5S_ALL; }
static inline hid_t melix_h5e_default(void) { return H5E_DEFAULT; }
static inline hid_t melix_h5p_file_access(void) { return H5P_FILE_ACCESS; }
static inline hid_t melix_h5p_dataset_create(void) { return H5P_DATASET_CREATE; }
static inline hid_t melix_h5p_link_create(void) { return H5P_LINK_CREATE; }

static inline unsigned melix_h5f_acc_rdonly(void) { return H5F_ACC_RDONLY; }
static inline unsigned melix_h5f_acc_rdwr(void) { return H5F_ACC_RDWR; }
static inline unsigned melix_h5f_acc_trunc(void) { return H5F_ACC_TRUNC; }

static inline hid_t melix_h5t_native_double(void) { return H5T_NATIVE_DOUBLE; }
static inline hid_t melix_h5t_native_float(void) { return H5T_NATIVE_FLOAT; }
static inline hid_t melix_h5t_native_int64(void) { return H5T_NATIVE_INT64; }
static inline hid_t melix_h5t_native_int32(void) { return H5T_NATIVE_INT32; }
static inline hid_t melix_h5t_native_uint8(void) { return H5T_NATIVE_UINT8; }
static inline hid_t melix_h5t_native_int8(void) { return H5T_NATIVE_INT8; }
static inline hid_t melix_h5t_c_s1(void) { return H5T_C_S1; }
static inline hid_t melix_h5t_ieee_f64le(void) { return H5T_IEEE_F64LE; }
static inline hid_t melix_h5t_ieee_f32le(void) { return H5T_IEEE_F32LE; }
static inline hid_t melix_h5t_std_i64le(void) { return H5T_STD_I64LE; }
static inline hid_t melix_h5t_std_i32le(void) { return H5T_STD_I32LE; }
static inline hid_t melix_h5t_std_u8le(void) { return H5T_STD_U8LE; }
static inline size_t melix_h5t_variable(void) { return H5T_VARIABLE; }

/// Turns off libhdf5's automatic printing of its error stack to stderr for the default
/// stack. In Debian's serial build this setting is library-wide, so calling it before each
/// open is cheap and idempotent.
static inline void melix_h5_silence_errors(void) { H5Eset_auto2(H5E_DEFAULT, NULL, NULL); }

/// Error-walk state: appends each error record's description to a caller buffer.
typedef struct {
  char *buffer;
  size_t capacity;
  size_t used;
} melix_h5_error_text;

static herr_t melix_h5_error_walker(unsigned n, const H5E_error2_t *err, void *data) {
  (void)n;
  melix_h5_error_text *text = (melix_h5_error_text *)data;
  if (err == NULL || err->desc == NULL || text->used + 1 >= text->capacity) return 0;
  const char *sep = text->used > 0 ? "; " : "";
  size_t room = text->capacity - text->used;
  int wrote = snprintf(text->buffer + text->used, room, "%s%s", sep, err->desc);
  if (wrote > 0) {
    size_t w = (size_t)wrote;
    text->used += (w < room) ? w : room - 1;
  }
  return 0;
}

/// Writes the current thread's default error stack (innermost first) into `buffer` as
/// "desc; desc; ..." and clears the stack. Returns the number of bytes written.
static inline size_t melix_h5_error_message(char *buffer, size_t capacity) {
  if (capacity == 0) return 0;
  buffer[0] = 0;
  melix_h5_error_text text = {buffer, capacity, 0};
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, melix_h5_error_walker, &text);
  H5Eclear2(H5E_DEFAULT);
  return text.used;
}

#endif
