// main.cc: the Catch2 runner for every tests/unit/*/*_test.cc.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
