// The translation unit that precompiles tests/support/precompiled.h for every test program.
#include "tests/support/precompiled.h"
