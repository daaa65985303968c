#!/bin/sh
# A small style checker (as curl's checksrc): lines of at most 80
# columns, no // comments, no trailing white space; in src/, case is
# folded by util_tolower and util_str(n)casecmp, never by the locale's
# tolower or str(n)casecmp (a Turkish locale keeps 'I' as it is).
top=${1:-.}
status=0
for f in "$top"/src/*.c "$top"/src/*.h "$top"/include/newsreader/*.h \
    "$top"/tests/unit/*.c; do
	[ -f "$f" ] || continue
	awk -v f="$f" '
	{
		# Expand tabs to the next multiple of 8, as the terminal does.
		col = 0
		for (i = 1; i <= length($0); i++) {
			c = substr($0, i, 1)
			if (c == "\t")
				col = col + 8 - col % 8
			else if (c < "\200" || c >= "\300")
				col++
		}
		if (col > 80)
			{ printf "%s:%d: longer than 80 columns\n", f, NR; bad = 1 }
		if ($0 ~ /[ \t]+$/)
			{ printf "%s:%d: trailing white space\n", f, NR; bad = 1 }
		if ($0 ~ /(^|[^:"])\/\/[^"]*$/ && $0 !~ /https?:\/\//)
			{ printf "%s:%d: // comment\n", f, NR; bad = 1 }
		if (f ~ /\/src\/[^\/]*\.c$/ && f !~ /\/util\.c$/ &&
		    $0 ~ /(^|[^_a-z])(strn?casecmp|tolower|toupper)\(/ &&
		    $0 !~ /^[ \t]*\*|\/\*/)
			{ printf "%s:%d: locale case (util_tolower, " \
			    "util_strcasecmp)\n", f, NR; bad = 1 }
	}
	END { exit bad }' "$f" || status=1
done
exit $status
