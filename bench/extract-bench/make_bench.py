#!/usr/bin/env python3
"""Builds three longer benchmark documents (8-10 KB) from the fixture articles we wrote, so that the benchmark also
has long pages: every paragraph distinct (repeated paragraphs would be dropped as duplicates and make the later
stages look cheaper than they are on real pages).
- en_long_whole_page.txt: the English fixture bodies one after another inside a menu, share bar, ads and a footer.
- en_long_paragraphs.txt: the same bodies as one blank-line-separated article (a region dump).
- ru_long_1251.txt: the Russian and Ukrainian fixture bodies in windows-1251 (uchardet and the legacy path).
Run from this folder: python3 make_bench.py"""
import json, os
fx = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../Tests/ArticleExtractionTests/Fixtures")
gold = json.load(open(os.path.join(fx, "gold.json"), encoding="utf-8"))

def bodies(prefixes):
    out = []
    for name in sorted(gold):
        if name.startswith(prefixes):
            out.append(gold[name]["body"])
    return out

menu = ["Home", "World", "Business", "Sport", "Culture", "Opinion", "Subscribe", "Sign in"]
footer = ["About us", "Contact", "Privacy policy", "Terms of use", "\u00a9 2024 The Harbour Ledger. All rights reserved."]
en = bodies(("en_",))
page = menu + ["Harbour and river: a year of stories from the waterfront", "By Jane Doe", "Nov 18, 2019 at 9:24 pm ET"]
for i, body in enumerate(en):
    page += body + (["Advertisement"] if i % 2 == 0 else ["Share", "Read more: Bridge tolls to rise again next year"])
page += ["Sign up for our morning newsletter and get the day's top stories in your inbox."] + footer
open("en_long_whole_page.txt", "w", encoding="utf-8").write("\n".join(page) + "\n")
open("en_long_paragraphs.txt", "w", encoding="utf-8").write(
    "\n\n".join(["Harbour and river: a year of stories from the waterfront"] + [p for b in en for p in b]) + "\n")
ru = bodies(("ru_", "uk_"))
open("ru_long_1251.txt", "wb").write(
    ("\n".join(["Главная", "Новости", "Общество", "Город у реки: год новостей"] + [p for b in ru for p in b]
               + ["© 2024 Городские новости. Все права защищены."]) + "\n").encode("windows-1251", "replace"))
