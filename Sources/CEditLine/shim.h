// libedit for MelixREPL. Only MelixREPL imports this module.
//
// libedit's configuration entry points (`el_set`, `el_get`, `history`) are C variadic
// functions, which Swift cannot call. Each helper below fixes one argument list, so the
// Swift wrapper (`LineEditor`) calls plain functions with checked types.
#include <stdio.h>
#include <histedit.h>

/// The prompt callback type libedit calls before drawing a line.
typedef char *(*melix_prompt_fn)(EditLine *);
/// The type of an editor function bound to a key (`EL_ADDFN`); returns a `CC_*` code.
typedef unsigned char (*melix_editor_fn)(EditLine *, int);

/// `el_set(el, EL_CLIENTDATA, data)`: the owning Swift object, found again by callbacks.
static inline int melix_el_set_clientdata(EditLine *el, void *data) {
  return el_set(el, EL_CLIENTDATA, data);
}

/// `el_get(el, EL_CLIENTDATA, &data)`; NULL if none was set.
static inline void *melix_el_get_clientdata(EditLine *el) {
  void *data = NULL;
  if (el_get(el, EL_CLIENTDATA, &data) != 0) return NULL;
  return data;
}

/// `el_set(el, EL_PROMPT_ESC, fn, ignore)`: `ignore` brackets invisible (colour) bytes.
static inline int melix_el_set_prompt(EditLine *el, melix_prompt_fn fn, char ignore) {
  return el_set(el, EL_PROMPT_ESC, fn, ignore);
}

/// `el_set(el, EL_EDITOR, mode)`, mode "emacs" or "vi".
static inline int melix_el_set_editor(EditLine *el, const char *mode) {
  return el_set(el, EL_EDITOR, mode);
}

/// `el_set(el, EL_SIGNAL, flag)`: let libedit restore the terminal on signals and follow
/// window-size changes while it reads a line.
static inline int melix_el_set_signal(EditLine *el, int flag) {
  return el_set(el, EL_SIGNAL, flag);
}

/// `el_set(el, EL_HIST, history, h)`: connects a history list to the editor.
static inline int melix_el_set_history(EditLine *el, History *h) {
  return el_set(el, EL_HIST, history, h);
}

/// `el_set(el, EL_ADDFN, name, help, fn)`: registers a named editor function.
static inline int melix_el_add_function(EditLine *el, const char *name, const char *help,
                                        melix_editor_fn fn) {
  return el_set(el, EL_ADDFN, name, help, fn);
}

/// `el_set(el, EL_BIND, key, function, NULL)`: binds a key sequence (e.g. "^R") in the
/// current keymap.
static inline int melix_el_bind(EditLine *el, const char *key, const char *function) {
  return el_set(el, EL_BIND, key, function, NULL);
}

/// `el_set(el, EL_SETTY, "-d", mode, NULL)`: changes one terminal flag for edit mode only
/// (e.g. "-isig" so Ctrl-C reaches the editor as a key, not as SIGINT).
static inline int melix_el_setty_edit(EditLine *el, const char *mode) {
  return el_set(el, EL_SETTY, "-d", mode, NULL);
}

/// `history(h, &ev, H_SETSIZE, size)`.
static inline int melix_history_set_size(History *h, int size) {
  HistEvent ev;
  return history(h, &ev, H_SETSIZE, size);
}

/// `history(h, &ev, H_SETUNIQUE, flag)`: with 1, an entry equal to the previous one is
/// not stored again.
static inline int melix_history_set_unique(History *h, int flag) {
  HistEvent ev;
  return history(h, &ev, H_SETUNIQUE, flag);
}

/// `history(h, &ev, H_ENTER, line)`: appends one entry.
static inline int melix_history_enter(History *h, const char *line) {
  HistEvent ev;
  return history(h, &ev, H_ENTER, line);
}

/// `history(h, &ev, H_GETSIZE)`: the number of entries, or -1 on error.
static inline int melix_history_size(History *h) {
  HistEvent ev;
  if (history(h, &ev, H_GETSIZE) != 0) return -1;
  return ev.num;
}
