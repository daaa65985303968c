#!/bin/sh
# A full disk while the interface marks: m and A show an error, and the
# list goes back to what is on disk (the items stay unread), as --list
# says. Writes fail through an LD_PRELOAD shim (tests/shim/enospc.c)
# loaded into the interface.
. "$NR_SRCDIR/tests/lib.sh"
. "$NR_SRCDIR/tests/tui/lib-tui.sh"
CC=${CC:-cc}
command -v "$CC" >/dev/null 2>&1 || skip "no C compiler for the shim"
tui_setup
"$CC" -shared -fPIC -o "$NR_TMP/enospc.so" "$NR_SRCDIR/tests/shim/enospc.c" \
    -ldl 2>"$NR_TMP/cc.err" || skip "cannot build the shim: $(cat "$NR_TMP/cc.err")"
TZ=UTC
export TZ
tui_article local 001 00000000000000b1 2026-11-20 "Item one" news "one"
tui_article local 002 00000000000000b2 2026-11-21 "Item two" news "two"
"$NR_BIN" --list >/dev/null || fail "--list"
# The rows of unread items start with N.
unread_rows()
{
	tui_screen | grep -c '^N '
}

TUI_ENV="LD_PRELOAD='$NR_TMP/enospc.so' NR_SHIM_DIR='$NEWSREADER_HOME' \
    NR_SHIM_BYTES=0 ASAN_OPTIONS=verify_asan_link_order=0"
tui_start --feed local
tui_wait "Item two"
[ "$(unread_rows)" -eq 2 ] || fail "want 2 unread rows"
tui_keys m
tui_wait "No space left"
[ "$(unread_rows)" -eq 2 ] || fail "after m: the row shows a state not saved"
"$NR_BIN" --list | grep -q '	N-	Item two' || fail "m reached the disk"
tui_keys A
tui_wait "FAIL"
i=0
while [ "$(unread_rows)" -ne 2 ]; do
	i=$((i + 1))
	[ $i -le 50 ] || fail "after A: the rows show a state not saved"
	sleep 0.1
done
[ "$("$NR_BIN" --list | grep -c '	N-	')" -eq 2 ] || fail "A reached the disk"
tui_quit
echo "PASS: mark-disk-full"
