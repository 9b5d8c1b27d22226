#!/usr/bin/env python3
"""Writes AccentFolding.tsv: for every BMP character whose canonical decomposition (NFD) changes it, the NFD with
non-spacing marks (category Mn) removed. Hangul syllables are left out (BertTextNormalizer decomposes them
algorithmically) and so are marks themselves (removed by category at run time).

Usage: python3 make_accent_folding.py > AccentFolding.tsv   (Python standard library only)
"""
import sys
import unicodedata

print(f"# NFD minus Mn for BMP characters; Unicode {unicodedata.unidata_version}; code point<TAB>replacement code points")
for cp in range(0x10000):
    if 0xD800 <= cp <= 0xDFFF or 0xAC00 <= cp <= 0xD7A3:
        continue
    ch = chr(cp)
    if unicodedata.category(ch) == "Mn":
        continue
    folded = "".join(c for c in unicodedata.normalize("NFD", ch) if unicodedata.category(c) != "Mn")
    if folded != ch:
        sys.stdout.write(f"{cp:04X}\t{' '.join(f'{ord(c):04X}' for c in folded)}\n")
