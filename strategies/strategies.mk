# strategies/: compiled through core/core.mk (STRATEGY_SRCS); their QEMU end-to-end test here.
INTEG_TESTS += tests/integration/strategies-qemu.sh tests/integration/strategies-extend.sh
