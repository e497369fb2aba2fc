// libedit for MelixREPL. Only MelixREPL imports this module.
#include <stdio.h>
#include <histedit.h>
