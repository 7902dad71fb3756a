#!/usr/bin/env python3
"""Builds larger benchmark documents (10-40 KB) from the fixture articles we wrote: a long whole-page dump with
menus and footers, a long blank-line-separated article, and a long Cyrillic one in windows-1251.
Run from this folder: python3 make_bench.py"""
import json, os
fx = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../Tests/ArticleExtractionTests/Fixtures")
gold = json.load(open(os.path.join(fx, "gold.json"), encoding="utf-8"))
en = gold["en_whole_page.txt"]["body"] + gold["en_region_dups.txt"]["body"]
menu = ["Home", "World", "Business", "Sport", "Culture", "Opinion", "Subscribe", "Sign in"]
footer = ["About us", "Contact", "Privacy policy", "Terms of use", "\u00a9 2024 The Harbour Ledger. All rights reserved."]
body = []
for i in range(12):
    for p in en:
        body.append(p.replace("the", "the" if i % 2 else "that") + (" (%d)" % i))
    body.append("Advertisement")
open("en_long_whole_page.txt", "w", encoding="utf-8").write("\n".join(menu + ["A long headline for the benchmark document"] + body + ["Read more", "Share"] + footer) + "\n")
open("en_long_paragraphs.txt", "w", encoding="utf-8").write("\n\n".join(["Another headline for the benchmark"] + body) + "\n")
ru = gold["ru_region.txt"]["body"] + gold["uk_region.txt"]["body"]
open("ru_long_1251.txt", "wb").write(("\n".join([p + " %d" % i for i in range(25) for p in ru]) + "\n").encode("windows-1251", "replace"))
