#!/bin/sh
# The layers of docs/HACKING.md, checked: every .c and .h under src/ and
# include/ belongs to one module of the module table, and every project
# header a file includes ("newsreader/X.h", a src/ header such as
# "store_int.h") belongs to its own module or to one its module may use.
# The table is the only source: this script knows no module by name.
#
#   tests/check-layers.sh [TOP]    (make check-layers; part of make check)
#
# Prints "file:line: problem" lines and exits 1, or one summary line.
top=${1:-${NR_SRCDIR:-.}}
doc=docs/HACKING.md
if [ ! -s "$top/$doc" ] || [ ! -d "$top/src" ] || [ ! -d "$top/include" ]
then
	echo "check-layers: $top has no $doc, src/ or include/" >&2
	exit 1
fi
cd "$top" || exit 1

find src include -type f \( -name '*.c' -o -name '*.h' \) | LC_ALL=C sort |
LC_ALL=C awk -v doc="$doc" '
function trim(s)
{
	sub(/^[ \t]+/, "", s)
	sub(/[ \t]+$/, "", s)
	return s
}

function bad(msg)
{
	print msg
	nbad++
}

# A glob of the files column (*, ?) as an anchored regex.
function glob2re(g,   re, i, c)
{
	re = "^"
	for (i = 1; i <= length(g); i++) {
		c = substr(g, i, 1)
		if (c == "*")
			re = re "[^/]*"
		else if (c == "?")
			re = re "[^/]"
		else if (c ~ /[.+^$()|{}\[\]\\]/)
			re = re "\\" c
		else
			re = re c
	}
	return re "$"
}

function cells(line, c,   n, i)
{
	sub(/^[ \t]*\|/, "", line)
	sub(/\|[ \t]*$/, "", line)
	n = split(line, c, "|")
	for (i = 1; i <= n; i++)
		c[i] = trim(c[i])
	return n
}

# One row of the module table.
function row(line,   c, n, m, a, k, i, e)
{
	n = cells(line, c)
	m = c[col["module"]]
	gsub(/`/, "", m)
	if (m !~ /^[a-z][a-z0-9_]*$/) {
		bad(doc ":" FNR ": \"" m "\" is not a module name")
		return
	}
	if (m in ismod) {
		bad(doc ":" FNR ": module " m " has two rows")
		return
	}
	ismod[m] = 1
	mods[++nmods] = m
	modline[m] = FNR

	e = c[col["files"]]
	gsub(/`/, "", e)
	k = split(e, a, /[ \t]+/)
	for (i = 1; i <= k; i++) {
		if (a[i] ~ /[*?]/) {
			npat++
			pat[npat] = a[i]
			patre[npat] = glob2re(a[i])
			patmod[npat] = m
		} else if (a[i] in exact)
			bad(doc ":" FNR ": " a[i] " is in the files of " \
			    exact[a[i]] " and of " m)
		else
			exact[a[i]] = m
	}

	e = c[col["headers"]]
	gsub(/`/, "", e)
	k = split(e, a, /[ \t]+/)
	for (i = 1; i <= k; i++) {
		sub(/^newsreader\//, "", a[i])
		if (a[i] == "-")
			continue
		if (a[i] !~ /\.h$/)
			bad(doc ":" FNR ": " a[i] " in the headers of " m \
			    " is no header")
		else if (a[i] in hdr)
			bad(doc ":" FNR ": " a[i] " is in the headers of " \
			    hdr[a[i]] " and of " m)
		else
			hdr[a[i]] = m
	}

	rawuse[m] = c[col["may use"]]
}

function add_use(m, n)
{
	if ((m, n) in edge)
		return
	edge[m, n] = 1
	direct[m] = direct[m] " " n
}

# Depth-first search for a cycle in "may use"; the path is on stk[].
function cycle(m, d,   a, k, i, j, p)
{
	color[m] = 1
	stk[d] = m
	k = split(direct[m], a, " ")
	for (i = 1; i <= k; i++) {
		if (color[a[i]] == 1) {
			for (j = 0; stk[j] != a[i]; j++)
				;
			p = stk[j]
			for (j++; j <= d; j++)
				p = p " -> " stk[j]
			bad(doc ":" modline[m] ": \"may use\" has a cycle: " \
			    p " -> " a[i])
		} else if (color[a[i]] == 0)
			cycle(a[i], d + 1)
	}
	color[m] = 2
}

# may[root, n]: root may use n, directly or through a module it may use.
function reach(root, m,   a, k, i)
{
	k = split(direct[m], a, " ")
	for (i = 1; i <= k; i++) {
		if ((root, a[i]) in may)
			continue
		may[root, a[i]] = 1
		reach(root, a[i])
	}
}

# The "may use" cells, the cycle check, the closure and the one-way line.
function layers(   i, j, k, m, s, a, g, r, t, b, nb)
{
	for (i = 1; i <= nmods; i++) {
		m = mods[i]
		s = rawuse[m]
		gsub(/`/, "", s)
		gsub(/\([^)]*\)/, "", s)
		k = split(s, a, ",")
		for (j = 1; j <= k; j++) {
			t = trim(a[j])
			if (t == "" || t == "libc")
				continue
			if (t == "everything") {
				for (r = 1; r <= nmods; r++)
					if (mods[r] != m)
						add_use(m, mods[r])
			} else if (t == m)
				continue
			else if (t in ismod)
				add_use(m, t)
			else
				bad(doc ":" modline[m] ": module " m \
				    " may use \"" t "\", which is no module")
		}
	}
	for (i = 1; i <= nmods; i++)
		if (color[mods[i]] == 0)
			cycle(mods[i], 0)
	for (i = 1; i <= nmods; i++)
		reach(mods[i], mods[i])

	if (!oneway) {
		bad(doc ": no \"Dependencies point one way:\" line")
		return
	}
	s = onewaytext
	if ((i = index(s, ".")) > 0)
		s = substr(s, 1, i - 1)
	# The arrows (UTF-8 bytes here) and anything else not a name part.
	gsub(/[^a-z0-9_,{} \t]+/, "<", s)
	k = split(s, g, "<")
	for (r = 1; r <= k; r++) {
		t = g[r]
		gsub(/[{}]/, "", t)
		nb = split(t, b, ",")
		for (j = 1; j <= nb; j++) {
			t = trim(b[j])
			if (t == "")
				bad(doc ":" oneway ": an empty name in the " \
				    "one-way line")
			else if (!(t in ismod))
				bad(doc ":" oneway ": the one-way line names " \
				    t ", which is no module of the table")
			else if (t in rank)
				bad(doc ":" oneway ": the one-way line names " \
				    t " twice")
			else
				rank[t] = r
		}
	}
	for (i = 1; i <= nmods; i++) {
		m = mods[i]
		if (!(m in rank)) {
			bad(doc ":" oneway ": module " m \
			    " is missing from the one-way line")
			continue
		}
		k = split(direct[m], a, " ")
		for (j = 1; j <= k; j++)
			if ((a[j] in rank) && rank[a[j]] >= rank[m])
				bad(doc ":" modline[m] ": module " m \
				    " may use " a[j] ", but the one-way line" \
				    " puts " a[j] " at or above " m)
	}
}

# The module of a file under src/ or include/, or "".
function place(f,   n, i, m, p)
{
	if (f ~ /^include\/newsreader\/[^\/]+\.h$/) {
		n = substr(f, length("include/newsreader/") + 1)
		if (!(n in hdr))
			return ""
		hdrseen[n] = 1
		return hdr[n]
	}
	if (f !~ /^src\//)
		return ""
	n = substr(f, 5)
	if (n in exact) {
		exactseen[n] = 1
		return exact[n]
	}
	m = ""
	for (i = 1; i <= npat; i++) {
		if (n !~ patre[i])
			continue
		patseen[i] = 1
		if (m == "") {
			m = patmod[i]
			p = pat[i]
		} else if (m != patmod[i]) {
			bad(f ": matched by " p " of " m " and by " pat[i] \
			    " of " patmod[i] ": name it in one row")
			return ""
		}
	}
	if (m == "" && n ~ /^[a-z0-9_]+_int\.h$/) {
		p = substr(n, 1, length(n) - length("_int.h"))
		if (p in ismod)
			m = p
	}
	return m
}

# Check the includes of one placed file.
function scan(f, m,   line, ln, t, q, n, name)
{
	ln = 0
	while ((getline line < f) > 0) {
		ln++
		if (line !~ /^[ \t]*#[ \t]*include[ \t]*["<]/)
			continue
		sub(/^[ \t]*#[ \t]*include[ \t]*/, "", line)
		q = substr(line, 1, 1)
		t = substr(line, 2)
		sub(/[">].*$/, "", t)
		n = ""
		if (t ~ /^newsreader\//) {
			name = substr(t, length("newsreader/") + 1)
			if (name in pubmod)
				n = pubmod[name]
			else {
				bad(f ":" ln ": includes " t \
				    ", which no module owns")
				continue
			}
		} else if (q == "<")
			continue
		else if (t in srcmod)
			n = srcmod[t]
		else if (t ~ /_int\.h$/) {
			bad(f ":" ln ": includes " t ", which no module owns")
			continue
		} else
			continue
		nincl++
		if (n != m && !((m, n) in may))
			bad(f ":" ln ": module " m " includes " t \
			    " of module " n ", which is not below it")
	}
	close(f)
}

# docs/HACKING.md: the first table under "## Modules" and the one-way line.
NR == FNR {
	if ($0 ~ /^## /) {
		insec = ($0 ~ /^## Modules[ \t]*$/)
		if (nrows)
			tdone = 1
	}
	if (insec && !tdone && $0 ~ /^[ \t]*\|/) {
		nrows++
		if (nrows == 1) {
			n = cells($0, c)
			for (i = 1; i <= n; i++)
				col[tolower(c[i])] = i
		} else if (nrows == 2 && $0 ~ /^[ \t|:-]+$/) {
			;
		} else if (nrows == 2) {
			bad(doc ":" FNR ": no |---| line under the " \
			    "table header")
			tdone = 1
		} else if (ok)
			row($0)
		if (nrows == 1) {
			ok = ("module" in col) && ("files" in col) && \
			    ("headers" in col) && ("may use" in col)
			if (!ok)
				bad(doc ":" FNR ": the module table needs " \
				    "the columns module, files, headers " \
				    "and may use")
		}
	} else if (nrows)
		tdone = 1
	if (!oneway && (i = index($0, "Dependencies point one way:")) > 0) {
		oneway = FNR
		onewaytext = substr($0, i + length("Dependencies point one way:"))
		owdone = (onewaytext ~ /\./)
	} else if (oneway && !owdone) {
		onewaytext = onewaytext " " $0
		owdone = ($0 ~ /\./ || $0 ~ /^[ \t]*$/)
	}
	next
}

{ files[++nfiles] = $0 }

END {
	if (nmods == 0) {
		bad(doc ": no module table under \"## Modules\"")
		exit 1
	}
	layers()

	for (i = 1; i <= nfiles; i++) {
		f = files[i]
		m = place(f)
		fmod[f] = m
		if (m == "") {
			bad(f ": in no module: add it to the files (src/) " \
			    "or headers (include/newsreader/) of a row of " \
			    doc)
			continue
		}
		n = f
		sub(/^.*\//, "", n)
		if (f ~ /^src\//)
			srcmod[n] = m
		else
			pubmod[n] = m
	}
	for (n in exact)
		if (!(n in exactseen))
			bad(doc ":" modline[exact[n]] ": module " exact[n] \
			    " lists " n ", which is not in src/")
	for (n in hdr)
		if (!(n in hdrseen))
			bad(doc ":" modline[hdr[n]] ": module " hdr[n] \
			    " lists " n ", which is not in include/newsreader/")
	for (i = 1; i <= npat; i++)
		if (!(i in patseen))
			bad(doc ":" modline[patmod[i]] ": module " \
			    patmod[i] " lists " pat[i] \
			    ", which matches no file in src/")

	for (i = 1; i <= nfiles; i++)
		if (fmod[files[i]] != "")
			scan(files[i], fmod[files[i]])

	if (nbad) {
		printf "check-layers: %d problem(s); the layers are the " \
		    "module table of %s\n", nbad, doc
		exit 1
	}
	printf "check-layers: %d files in %d modules, %d project " \
	    "includes, none above its layer\n", nfiles, nmods, nincl
}' "$doc" -
