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
		line = $0
		gsub(/\t/, "        ", line)
		if (length(line) > 80)
			{ printf "%s:%d: longer than 80 columns\n", f, NR; bad = 1 }
		if ($0 ~ /[ \t]+$/)
			{ printf "%s:%d: trailing white space\n", f, NR; bad = 1 }
		if ($0 ~ /(^|[^:"])\/\/[^"]*$/ && $0 !~ /https?:\/\//)
			{ printf "%s:%d: // comment\n", f, NR; bad = 1 }
	}
	END { exit bad }' "$f" || status=1
done
exit $status
