# Fixture for the tag and date tests: five items in two feeds over three
# days (18, 20 and 23 Nov 2026), tagged china/news/sport; days in UTC.
TZ=UTC
export TZ
TUI_ENV="TZ=UTC"
tui_setup
tui_article alpha 001 00000000000000a1 2026-11-20 "Alpha One" \
    "$(printf 'china\nnews')" "a"
tui_article alpha 002 00000000000000a2 2026-11-23 "Alpha Two" \
    "$(printf 'china\nsport')" "b"
tui_article beta 001 00000000000000b1 2026-11-23 "Beta One" news "c"
tui_article beta 002 00000000000000b2 2026-11-18 "Beta Two" china "d"
tui_article beta 003 00000000000000b3 2026-11-18 "Beta Three" sport "e"

# The number of items newsreader --list QUERY prints.
list_count()
{
	"$NR_BIN" --list="$1" | wc -l | tr -d ' '
}
