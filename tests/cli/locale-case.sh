#!/bin/sh
# Markup names in any case, whatever the locale: in a Turkish locale
# tolower('I') is 'I' and strcasecmp("TITLE", "title") is not 0, so a
# page written in capitals (<TITLE>, <SCRIPT>, CLASS="ARTICLE") must
# give under LC_ALL=tr_TR.UTF-8 what it gives under C.UTF-8. Before,
# the strip pass read such a <TITLE>'s text as markup and folded the
# link written in it: the title came out as "News link text<!--link
# text--> here". The Turkish locale is made with localedef(1) into the
# test's directory (skip without the locales package's sources).
. "$NR_SRCDIR/tests/lib.sh"
mk_tmp
NR=${NR_BIN:?}
command -v localedef >/dev/null 2>&1 || skip "localedef(1) is missing"
[ -f /usr/share/i18n/locales/tr_TR ] ||
    skip "no tr_TR locale source (Debian package locales)"
mkdir -p "$NR_TMP/loc" || fail "mkdir"
localedef -i tr_TR -f UTF-8 "$NR_TMP/loc/tr_TR.UTF-8" >/dev/null 2>&1 ||
    skip "localedef tr_TR.UTF-8 failed"
# The locale made here is the one in use (else this proves nothing).
LOCPATH=$NR_TMP/loc LC_ALL=tr_TR.UTF-8 locale charmap 2>"$NR_TMP/err" |
    grep -q UTF-8 && [ ! -s "$NR_TMP/err" ] ||
    skip "tr_TR.UTF-8 is not in use: $(cat "$NR_TMP/err")"
# glibc keeps the LOCPATH list it reads for the life of the process,
# which LeakSanitizer reports; that and only that is let pass.
echo "leak:__argz_add_sep" >"$NR_TMP/lsan.supp"

cat >"$NR_TMP/old.html" <<'EOF'
<HTML><HEAD><TITLE>News <a href=x>link text</a> here</TITLE>
<SCRIPT LANGUAGE="JavaScript">document.write("<P>Ad <A HREF=x>click here now</A></P>");</SCRIPT>
</HEAD><BODY><DIV CLASS="NAVIGATION"><A HREF="/">Home page link</A></DIV>
<DIV CLASS="ARTICLE"><P>The council met on Tuesday, and after a long
debate about the budget, the schedule and the rules, it agreed to
publish its report in the spring.</P>
<P>A second paragraph, with more words, more commas, and more sentences,
follows the first one <A HREF="/more">with a link in it</A>.</P>
<TEXTAREA>Text <a href=y>not a link at all</a></TEXTAREA></DIV>
</BODY></HTML>
EOF
LC_ALL=C.UTF-8 "$NR" --extract "$NR_TMP/old.html" >"$NR_TMP/c" ||
    fail "--extract under C.UTF-8"
[ "$(sed -n 1p "$NR_TMP/c")" = "News <a href=x>link text</a> here" ] ||
    fail "title under C.UTF-8: $(sed -n 1p "$NR_TMP/c")"
grep -q "^The council met on Tuesday" "$NR_TMP/c" ||
    fail "no article under C.UTF-8: $(cat "$NR_TMP/c")"
LOCPATH=$NR_TMP/loc LC_ALL=tr_TR.UTF-8 \
    LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$NR_TMP/lsan.supp" \
    "$NR" --extract "$NR_TMP/old.html" >"$NR_TMP/tr" ||
    fail "--extract under tr_TR.UTF-8"
cmp -s "$NR_TMP/c" "$NR_TMP/tr" || fail "tr_TR.UTF-8 gives another page:
$(diff "$NR_TMP/c" "$NR_TMP/tr")"
echo "PASS: locale-case"
