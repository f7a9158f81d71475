"""The role model (pipeline/events/roles.py, models/events/roles_crf_vi_20261207): who does
what in the shipped pipeline's events, on sentences written for these tests, one per class
of role (the one who dies, the parents and the child, attacker and target, sender and
recipient, the elected, the place of a locative phrase, a movement's source and goal), and
its loading errors."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import ResourceError
from pipeline.events.roles import NONE, RoleTagger, features

MODEL = Path(__file__).resolve().parents[1] / "models" / "events" / "roles_crf_vi_20261207"


@pytest.fixture(scope="module")
def roles_of():
    """{trigger: (sorted (name, role) pairs, place)} of the shipped pipeline's events."""
    pytest.importorskip("underthesea")
    from pipeline import extract, load
    nlp = load()

    def _roles(text: str):
        out = {}
        for e in extract(text, nlp=nlp).events:
            out[e.trigger_text] = (sorted((p.canonical, p.role) for p in e.participants),
                                   e.location[1] if e.location else None)
        return out
    return _roles


@pytest.mark.parametrize("text, trigger, parts, place", [
    # the one who dies is the theme; the place after "tại"
    ("Trần Hưng Đạo mất năm 1300 tại Vạn Kiếp.", "mất", [("Trần Hưng Đạo", "theme")], "Vạn Kiếp"),
    # attacker agent, the place attacked is the place ("quân Pháp": the name only)
    ("Năm 1858, quân Pháp tấn công Đà Nẵng.", "tấn công", [("Pháp", "agent")], "Đà Nẵng"),
    # sender agent, addressee recipient after "cho"
    ("Ngày 27 tháng 10 năm 1962, Khrushchev gửi thư cho Kennedy.", "gửi",
     [("Kennedy", "recipient"), ("Khrushchev", "agent")], None),
    # every side of a meeting is an agent
    ("Tháng 6 năm 1961, Kennedy gặp Khrushchev tại Viên.", "gặp",
     [("Kennedy", "agent"), ("Khrushchev", "agent")], "Viên"),
    # buyer agent, what is bought theme
    ("Năm 2020, Công ty Hòa Phát mua lại Công ty Thép Việt với giá 500 tỷ đồng.", "mua lại",
     [("Công ty Hòa Phát", "agent"), ("Công ty Thép Việt", "theme")], None),
    # the arresting body agent, the arrested theme, the place after "tại"
    ("Sáng 5/3, Công an tỉnh Nghệ An bắt Nguyễn Văn Tùng tại huyện Diễn Châu.", "bắt",
     [("Công an tỉnh Nghệ An", "agent"), ("Nguyễn Văn Tùng", "theme")], "Diễn Châu"),
    # a movement: who moves, where from (source), where to (the place)
    ("Năm 1010, Lý Thái Tổ dời đô từ Hoa Lư ra Đại La.", "dời đô",
     [("Hoa Lư", "source"), ("Lý Công Uẩn", "agent")], "Đại La"),  # his temple name; canonical his name
    # the electing body agent, the elected theme
    ("Năm 1975, Quốc hội bầu Tôn Đức Thắng làm Chủ tịch nước.", "bầu",
     [("Quốc hội", "agent"), ("Tôn Đức Thắng", "theme")], None),
    # the subject shared by the second of two coordinated verbs
    ("Năm 1802, Nguyễn Ánh chiếm Phú Xuân rồi tiến ra Thăng Long.", "tiến ra",
     [("Gia Long", "agent")], "Thăng Long"),  # Nguyễn Ánh: the birth name of Gia Long, his canonical
    # the one arrested in the passive is the theme, the one between "bị" and the verb its
    # agent (the grammar decides it, whatever the model reads)
    ("Năm 1288, tướng Ô Mã Nhi bị quân Trần bắt sống trên sông Bạch Đằng.", "bắt sống",
     [("Nhà Trần", "agent"), ("Ô Mã Nhi", "theme")], "sông Bạch Đằng"),
    ("Năm 1288, tướng Ô Mã Nhi bị quân Trần bắt sống.", "bắt sống",
     [("Nhà Trần", "agent"), ("Ô Mã Nhi", "theme")], None),
    ("Năm 1407, Hồ Quý Ly bị quân Minh bắt ở Hà Tĩnh.", "bắt",
     [("Hồ Quý Ly", "theme"), ("Nhà Minh", "agent")], "Hà Tĩnh"),
    # a parent agent, the child theme (Nguyễn Sinh Cung: the birth name of Hồ Chí Minh, his canonical)
    ("Năm 1890, Nguyễn Sinh Sắc sinh Nguyễn Sinh Cung.", "sinh",
     [("Hồ Chí Minh", "theme"), ("Nguyễn Sinh Sắc", "agent")], None),
    # ... with the place after the child
    ("Năm 1890, Nguyễn Sinh Sắc sinh Nguyễn Sinh Cung tại làng Kim Liên.", "sinh",
     [("Hồ Chí Minh", "theme"), ("Nguyễn Sinh Sắc", "agent")], "Kim Liên"),
    # an organisation after "tại" is the place, the most specific one, before a village named
    # earlier (the grammar decides it)
    ("Một bé gái ở xã Mường Lống đã tử vong tại Bệnh viện Sản Nhi Nghệ An tối qua.", "tử vong",
     [], "Bệnh viện Sản Nhi Nghệ An"),
    # a hospital one is taken to is a place, and the verb a movement
    ("Sáng nay, ông Trần Văn Nam được chuyển đến Bệnh viện Chợ Rẫy.", "chuyển",
     [("Trần Văn Nam", "theme")], "Bệnh viện Chợ Rẫy"),
    # the adversative passive with no agent named: the subject before "bị" undergoes it,
    # also when the segmenter glues "bị" to the name ("Hoàng bị"), and past an adverb
    ("Năm 2019, ông Hoàng bị khởi tố vì tội nhận hối lộ.", "khởi tố", [("Hoàng", "theme")], None),
    ("Ngày 1 tháng 7 năm 2001, Hội đồng Quận Oxford đã bị bãi bỏ theo đề nghị của Ủy ban.", "bãi bỏ",
     [("Hội đồng Quận Oxford", "theme")], None),
    ("Sau vụ bê bối, Lê Văn Tám đương nhiên bị đình chỉ công tác.", "đình chỉ",
     [("Lê Văn Tám", "theme")], None),
    # ... but a loss the subject suffers as the one acting keeps it the agent, and "chuẩn bị"
    # is no passive
    ("Năm 1950, quân Pháp bị thua trận ở biên giới.", "thua trận", [("Pháp", "agent")], None),
    # a place after "tại" in the trigger's own stretch, past the named thing signed
    ("Năm 1973, hai bên ký Hiệp định Paris tại Pháp.", "ký", [], "Pháp"),
    # a party after "và" and before the next verb is that verb's subject, no object of this one
    ("Năm 1979, quân Trung Quốc tấn công và Việt Nam phản công.", "tấn công", [("Trung Quốc", "agent")], None),
    ("Cuối năm 1075, nhà Tống ráo riết chuẩn bị xâm lược Đại Việt.", "xâm lược",
     [("Nhà Tống", "agent")], "Đại Việt"),
])
def test_roles(roles_of, text, trigger, parts, place):
    got = roles_of(text)
    assert trigger in got, f"no event on {trigger!r}: {sorted(got)}"
    assert got[trigger] == (sorted(parts), place)


def test_features_are_the_training_ones():
    """One feature row per name, with the rule's role and the side of the trigger."""
    from types import SimpleNamespace as NS

    from pipeline.events.arguments import Name
    toks = [NS(idx=0, text="Kennedy", tag_="Np"), NS(idx=8, text="gặp", tag_="V"),
            NS(idx=12, text="Khrushchev", tag_="Np"), NS(idx=22, text=".", tag_="CH")]
    keys = ["kennedy", "gặp", "khrushchev", "."]
    names = [Name(NS(start=0, end=7, label="PER", title=None, id="E1"), "", False),
             Name(NS(start=12, end=22, label="PER", title=None, id="E2"), "gặp", False)]
    trig = NS(start=8, end=11, type="Contact.Meet")
    cues = {"passive": {"bị", "được"}, "content": {"rằng"}}
    rows = features(names, [trig], 0, toks, keys, {0: "agent"}, cues)
    assert len(rows) == 2
    assert "d=L|lab=PER" in rows[0] and "h=agent" in rows[0] and "tw=gặp" in rows[0]
    assert "d=R|lab=PER" in rows[1] and f"h={NONE}" in rows[1] and "pw=gặp" in rows[1]
    assert "d=R|g=0" in rows[1] and "d=L|g=0" in rows[0]


@pytest.mark.parametrize("content, reason", [
    (None, "role model file not found"),
    (b"not a model", "not a CRFsuite model"),
])
def test_bad_model_folder(tmp_path, content, reason):
    if content is not None:
        (tmp_path / "roles.crfsuite").write_bytes(content)
    with pytest.raises(ResourceError, match=reason):
        RoleTagger(tmp_path).load()


def test_shipped_labels_are_roles():
    from pipeline.ontology import ROLES
    labels = RoleTagger(MODEL).load().labels
    assert NONE in labels and "place" in labels and "agent" in labels and "theme" in labels
    assert set(labels) <= ROLES | {"place", NONE}
