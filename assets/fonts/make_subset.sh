#!/bin/sh
# Regenerates NotoSansSC-subset.otf: Noto Sans CJK SC (SIL Open Font License 1.1), cut to
# the characters the game shows — every character of the message files and the levels —
# plus the 3,755 most common Chinese characters (GB 2312 level 1) and ASCII.
#
# Needs Debian's fonts-noto-cjk and python3-fonttools (pyftsubset):
#   apt-get install -y fonts-noto-cjk python3-fonttools
# Run from the project root: sh assets/fonts/make_subset.sh
set -eu
TTC=${TTC:-/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc}
OUT=assets/fonts/NotoSansSC-subset.otf
CHARS=$(mktemp)
python3 - "$CHARS" <<'PY'
import glob, sys
chars = set(chr(c) for c in range(0x20, 0x7f))
for path in glob.glob("assets/locales/*/*.ftl") + glob.glob("levels/*.ron"):
    chars.update(open(path, encoding="utf-8").read())
# GB 2312 level 1: rows 16-55, the 3,755 most common characters.
for row in range(16, 56):
    for cell in range(1, 95):
        try:
            chars.add(bytes([0xA0 + row, 0xA0 + cell]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
# Chinese punctuation and the symbols the interface uses.
chars.update("，。、；：？！“”‘’（）《》【】—…·～￥×÷±°→←↑↓▶⏸«»✖✔")
chars = sorted(c for c in chars if c.isprintable())
open(sys.argv[1], "w", encoding="utf-8").write("".join(chars))
PY
# Font 2 of the collection is Noto Sans CJK SC. Debian's python3-fonttools has the module
# but no pyftsubset command on the PATH: run it through the system Python then.
if [ -z "${PYFTSUBSET:-}" ]; then
  if command -v pyftsubset >/dev/null; then PYFTSUBSET=pyftsubset
  else PYFTSUBSET="/usr/bin/python3 -m fontTools.subset"; fi
fi
$PYFTSUBSET "$TTC" --font-number=2 --text-file="$CHARS" --output-file="$OUT" \
  --layout-features='*' --no-hinting --desubroutinize --name-IDs='*' --name-languages='*'
rm -f "$CHARS"
ls -l "$OUT"
