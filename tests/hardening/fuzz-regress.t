#!/usr/bin/env bash
# fuzz-regress.t: replay every input under tests/fuzz/regress/NAME/ (the
# crashes and broken properties fuzzing found) through the harness
# tests/fuzz/fuzz_NAME.c, built here with gcc and ASan + UBSan around the
# plain driver tests/fuzz/replay.c, so make test needs no clang.  Each
# input is one test: it must run to the end without a sanitizer report or
# a broken property.
source "$TOP/tests/lib/tap.sh"
source "$TOP/tests/hardening/lib.sh"
R=$TOP/tests/fuzz/regress
FLAGS=(-std=c11 -D_GNU_SOURCE -g -O1 -fno-omit-frame-pointer
	-fsanitize=address,undefined -fno-sanitize-recover=all
	-I"$TOP/filters" -I"$TOP/tests/fuzz" -DFUZZ_SCHEMAS="\"$TOP/schemas\"")
LIBS=(-lcsv -lutf8proc -lm -lpthread)
CC=${CC:-cc}
mkdir -p "$TMP/obj"
objs=()
built=
for d in "$R"/*/; do
	[ -d "$d" ] || continue
	name=$(basename "$d")
	src=$TOP/tests/fuzz/fuzz_$name.c
	if [ ! -f "$src" ]; then
		not_ok "regress/$name has a harness" "no $src"
		continue
	fi
	if [ -z "$built" ]; then	# the library, once
		for c in "$TOP"/filters/lib/*.c; do
			o=$TMP/obj/$(basename "$c" .c).o
			"$CC" "${FLAGS[@]}" -c -o "$o" "$c" 2>>"$TMP/cc.err" || {
				not_ok "build filters/lib with ASan" "$(head -n 5 "$TMP/cc.err")"
				exit 1
			}
			objs+=("$o")
		done
		built=1
	fi
	extra=()	# a harness that links a filter, built without main()
	if [ "$name" = csv ]; then
		extra=("$TMP/obj/normalise-nomain.o")
		"$CC" "${FLAGS[@]}" -DNORMALISE_NO_MAIN -c -o "${extra[0]}" \
		    "$TOP/filters/normalise.c" 2>"$TMP/cc.err" || {
			not_ok "build filters/normalise.c for fuzz_csv" \
			    "$(head -n 5 "$TMP/cc.err")"
			continue
		}
	fi
	if ! "$CC" "${FLAGS[@]}" -o "$TMP/fuzz_$name" "$src" \
	    "$TOP/tests/fuzz/replay.c" "${extra[@]}" "${objs[@]}" "${LIBS[@]}" \
	    2>"$TMP/cc.err"; then
		not_ok "build replay driver for fuzz_$name" "$(head -n 5 "$TMP/cc.err")"
		continue
	fi
	for f in "$d"*; do
		[ -f "$f" ] || continue
		case=$(basename "$f")
		FUZZ_SKIP= ASAN_OPTIONS=detect_leaks=1 timeout 60 \
		    "$TMP/fuzz_$name" "$f" >/dev/null 2>"$TMP/replay.err"
		rc=$?
		p=()
		[ "$rc" -eq 0 ] || p=("exit $rc" "$(grep -m 3 -E \
		    'property failed|ERROR|runtime error' "$TMP/replay.err")")
		report "fuzz_$name regress/$name/$case (exit $rc)" "fuzz_$name" \
		    "$case" "${p[@]}"
	done
done
[ -n "$built" ] || skip "fuzz regressions" "no tests/fuzz/regress/*/ inputs"
