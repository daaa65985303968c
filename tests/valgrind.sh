#!/bin/sh
# Run the real binary under valgrind's memcheck: any error or definite
# leak makes it exit 99, which fails the test that ran it. Suppressions
# (tests/valgrind.supp) are for library internals only.
exec valgrind -q --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite \
    --suppressions="$NR_SRCDIR/tests/valgrind.supp" \
    --trace-children=no "$NR_REAL_BIN" "$@"
