# Shared test settings. Each area's fragment builds its own test binaries:
#   core/strategy tests: tests/unit/core/*.c   (core/core.mk)
#   harness tests:       tests/unit/harness/*.c (harness/harness.mk)
#   report tests:        tests/unit/reports/*.c (reports/reports.mk)
# and adds them to UNIT_TESTS; integration scripts under tests/integration/ go in INTEG_TESTS.
CRITERION_LIBS := -lcriterion
INTEG_TESTS += tests/integration/repo-self-contained.sh
