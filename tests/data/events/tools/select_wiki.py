"""Pick history excerpts from the Vietnamese Wikipedia sample for event annotation.

    python tests/data/events/tools/select_wiki.py ARCHIVE --set N --count K --out DIR [--skip-from DIR ...]

Reads `viwiki_sample.tar.gz` (../shared/data/viwiki_sample/), finds the paragraphs of
history-like sections ("Lịch sử", "Tiểu sử", "Sự nghiệp", a war or reign heading, or an
article's lead when it is a biography or a battle), and keeps runs of whole paragraphs of
900-1,800 characters that name at least three years and several action verbs. One excerpt
per article; articles already used by an earlier set (--skip-from) are skipped, and so is
an excerpt with a paragraph an earlier set holds under another article. The choice
is deterministic: candidates are ranked by a hash of (set, article), so a set is a fixed,
unbiased draw from the qualifying excerpts and never depends on the pipeline.
With --later (once the sample's first excerpts are used up), an article an earlier set used
gives its next qualifying excerpt instead, one that shares no paragraph with any excerpt
of --skip-from; still one per article.
Each excerpt is written as DIR/wiki_<article>.txt with DIR/wiki_<article>.source.json
(article file, title, licence: CC BY-SA 3.0, Wikipedia contributors).
"""
from __future__ import annotations

import argparse
import functools
import hashlib
import json
import re
import tarfile
import unicodedata
from pathlib import Path

HEADING = re.compile(r"^==+\s*(.+?)\s*==+\s*$")
HISTORY_HEAD = re.compile(r"(lịch sử|tiểu sử|sự nghiệp|chiến tranh|thời kỳ|triều|khởi nghĩa|kháng chiến|"
                          r"cách mạng|thế kỷ|giai đoạn|thành lập|độc lập|thuộc địa|đế quốc|vương quốc)", re.I)
YEAR = re.compile(r"\b(1[0-9]{3}|20[01][0-9]|[1-9][0-9]{2})\b")
ACTION = re.compile(r"(tấn công|đánh|chiếm|khởi nghĩa|thành lập|ký|qua đời|mất|lên ngôi|bầu|bổ nhiệm|"
                    r"tuyên bố|rút|sinh|xâm lược|giành|thua|thắng|bắt|xử|kết hôn|ra đời|phát động|"
                    r"sáp nhập|chuyển|trở thành|đến|tới|gửi|gặp|thăm|ban hành|lật đổ|bãi bỏ|dời)", re.I)
NOT_PROSE_HEAD = re.compile(r"^(tham khảo|chú thích|liên kết ngoài|xem thêm|ghi chú|đọc thêm|nguồn|thư mục)", re.I)
SKIP_TITLES = re.compile(r"^(Theo lịch Gregory|Bài này về năm|(Năm )?\d{3,4} (là|\(số))")


def paragraphs(text: str):
    """(section heading, paragraph) pairs of an article; the lead has heading ''."""
    head = ""
    for block in re.split(r"\n\s*\n", text):
        block = block.strip()
        if not block:
            continue
        m = HEADING.match(block.split("\n", 1)[0])
        if m:
            head = m.group(1)
            block = block.split("\n", 1)[1].strip() if "\n" in block else ""
            if not block:
                continue
        yield head, block


def candidates(name: str, text: str, taken: frozenset[str] = frozenset(), any_section: bool = False):
    """The article's first qualifying excerpt, none of whose paragraphs is in `taken`; with
    `any_section`, any prose section qualifies, not only history-like ones (the same year and
    action-verb thresholds)."""
    lines = text.split("\n", 1)
    title = lines[0][:80]
    if SKIP_TITLES.match(title):
        return
    paras = list(paragraphs(text))
    for k in range(len(paras)):
        head = paras[k][0]
        history = HISTORY_HEAD.search(head) or (head == "" and k > 0)
        if not (history or (any_section and head and not NOT_PROSE_HEAD.match(head))):
            continue
        run = []
        for h, p in paras[k:]:
            if h != head or p.startswith(("*", "|", "{", "!")) or len(p) < 150:
                break
            run.append(p)
            body = "\n\n".join(run)
            if len(body) >= 900:
                break
        body = "\n\n".join(run)
        if not 900 <= len(body) <= 1800 or any(p in taken for p in run):
            continue
        if len(set(YEAR.findall(body))) < 3 or len(ACTION.findall(body)) < 6:
            continue
        yield title, head, body
        return  # one excerpt per article: the first that qualifies


def taken_paragraphs(skip_from: list[str]) -> dict[str, frozenset[str]]:
    """Per article of an earlier set, the paragraphs its excerpts hold: every
    wiki_*.source.json in each folder of `skip_from` or below it (a set's folder or its wiki/);
    a folder with none is an error, not a set that took nothing."""
    out: dict[str, set[str]] = {}
    for d in skip_from:
        found = sorted(Path(d).rglob("wiki_*.source.json"))
        if not found:
            raise SystemExit(f"--skip-from {d}: no wiki_*.source.json in it or below it")
        for f in found:
            article = json.loads(f.read_text(encoding="utf-8"))["article"]
            body = f.with_name(f.name.replace(".source.json", ".txt")).read_text(encoding="utf-8")
            out.setdefault(article, set()).update(p.strip() for p in re.split(r"\n\s*\n", body) if p.strip())
    return {k: frozenset(v) for k, v in out.items()}


def arguments(description: str | None = None) -> argparse.Namespace:
    """The command line both selection tools take."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("archive")
    ap.add_argument("--set", required=True)
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--skip-from", nargs="*", default=[])
    ap.add_argument("--later", action="store_true",
                    help="only articles of --skip-from, each with an excerpt none of them used")
    ap.add_argument("--any-section", action="store_true",
                    help="any prose section qualifies, not only history-like ones")
    return ap.parse_args()


def draw(archive: str, set_name: str, skip_from: list[str], find, later: bool = False) -> list[tuple]:
    """(rank, article, title, section, excerpt) of every article's excerpt that `find(name,
    text)` yields, articles named in a `*.source.json` of `skip_from` left out (with `later`:
    only those, `find` given the article's used paragraphs as a third argument), ranked by a
    hash of (set, article)."""
    taken = taken_paragraphs(skip_from)
    used = frozenset().union(*taken.values())  # a section two articles share ("Sân vận động"
    pool = []                                  # of Inter's and of AC Milan's) is taken in both
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            name = Path(member.name).name
            if not member.isfile() or not name.endswith(".txt") or (name in taken) != later:
                continue
            text = unicodedata.normalize("NFC", tar.extractfile(member).read().decode("utf-8"))
            for title, head, body in (find(name, text, taken[name]) if later else find(name, text)):
                if any(p.strip() in used for p in re.split(r"\n\s*\n", body)):
                    continue
                pool.append((hashlib.sha256(f"{set_name}:{name}".encode()).hexdigest(), name, title, head, body))
    pool.sort()
    return pool


def write(pool: list[tuple], count: int, out_dir: str) -> None:
    """The first `count` excerpts of the pool as DIR/wiki_<article>.txt and .source.json."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for _, name, title, head, body in pool[:count]:
        stem = f"wiki_{Path(name).stem}"
        (out / f"{stem}.txt").write_text(body + "\n", encoding="utf-8")
        (out / f"{stem}.source.json").write_text(json.dumps(
            {"article": name, "title": title, "section": head,
             "source": "Vietnamese Wikipedia, May 2017 (../shared/data/viwiki_sample)",
             "licence": "CC BY-SA 3.0, Wikipedia contributors"}, ensure_ascii=False, indent=2) + "\n",
            encoding="utf-8")
    print(f"{len(pool)} qualifying excerpts, {min(count, len(pool))} written to {out}")


def main() -> None:
    a = arguments()
    find = functools.partial(candidates, any_section=a.any_section) if a.any_section else candidates
    write(draw(a.archive, a.set, a.skip_from, find, a.later), a.count, a.out)


if __name__ == "__main__":
    main()
