#!/bin/sh
# A small style checker (as curl's checksrc): lines of at most 80
# columns, no // comments, no trailing white space.
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
	}
	END { exit bad }' "$f" || status=1
done
exit $status
