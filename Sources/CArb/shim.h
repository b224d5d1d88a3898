#ifndef CARB_SHIM_H
#define CARB_SHIM_H
#include <arb.h>
#endif
