// RapidCheck properties of the model itself (M1, I1, S6).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include "tests/models/fixture.hpp"
