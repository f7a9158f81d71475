"""Pick name-rich excerpts from the Vietnamese Wikipedia sample for a held-out set of
dates and names (the format of ../shared/data/reference/, scored by bench_heldout.py).

    python tests/data/heldout/tools/select_wiki_names.py ARCHIVE --set N --count K --out DIR
                                                          [--skip-from DIR ...]

Reads `viwiki_sample.tar.gz`, and from each article takes the first run of whole paragraphs
of 600-1,300 characters (any section) that names at least two years and at least eight
capitalised names, three of them headed by an organisation word ("Đảng", "Bộ", "Hội",
"Công ty", ...), so organisations, the hardest label, are well represented. One excerpt per
article; articles used by an earlier set (--skip-from: folders of `*.source.json`) are
skipped. The choice is deterministic and never looks at the pipeline: candidates are
ranked by a hash of (set, article). Each excerpt is written as DIR/wiki_<article>.txt with
DIR/wiki_<article>.source.json (article, title, licence: CC BY-SA 3.0, Wikipedia contributors).
With --later (once the sample's first excerpts are used up), only the articles of
--skip-from are read, each giving its first qualifying excerpt that shares no paragraph
with theirs.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "events" / "tools"))
from select_wiki import SKIP_TITLES, YEAR, arguments, draw, paragraphs, write  # noqa: E402

NAME = re.compile(r"\b[A-ZÀ-Ỹ][\wÀ-ỹ]*(?: [A-ZÀ-Ỹ][\wÀ-ỹ]*)+")
ORG_HEAD = re.compile(r"\b(Đảng|Bộ|Hội|Công ty|Tập đoàn|Ủy ban|Uỷ ban|Quân đội|Sư đoàn|Trung đoàn|Mặt trận|"
                      r"Liên đoàn|Viện|Trường|Đại học|Ngân hàng|Quốc hội|Chính phủ|Hãng|Câu lạc bộ|Tổ chức|"
                      r"Liên hiệp|Hiệp hội|Cơ quan|Tổng cục|Báo|Đài)\b")


def candidates(text: str, taken: frozenset[str] = frozenset()):
    """The article's first excerpt that qualifies (above) and shares no paragraph with
    `taken`, the paragraphs earlier sets used of it (--later)."""
    title = text.split("\n", 1)[0][:80]
    if SKIP_TITLES.match(title):
        return
    paras = list(paragraphs(text))
    for k in range(len(paras)):
        run = []
        for h, p in paras[k:]:
            if h != paras[k][0] or p.startswith(("*", "|", "{", "!")) or len(p) < 120:
                break
            run.append(p)
            if len("\n\n".join(run)) >= 600:
                break
        body = "\n\n".join(run)
        if not 600 <= len(body) <= 1300 or any(p.strip() in taken for p in run):
            continue
        if len(set(YEAR.findall(body))) < 2 or len(NAME.findall(body)) < 8 or len(ORG_HEAD.findall(body)) < 3:
            continue
        yield title, paras[k][0], body
        return


def main() -> None:
    a = arguments()
    write(draw(a.archive, a.set, a.skip_from, lambda name, text, taken=frozenset(): candidates(text, taken),
               a.later), a.count, a.out)


if __name__ == "__main__":
    main()
