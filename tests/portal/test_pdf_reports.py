"""PDF reports print every character as written (embedded Unicode fonts), and every page
carries the brand, the title, the range and its page number."""

from portal.exports import pdf_report
from tests.fixtures.pdf import pdf_pages, pdf_text

TEXTS = [
    "Typography: ’single’ “double” — dash",  # noqa: RUF001  (the point of the test)
    "Cyrillic: Привет, мир",
    "CJK: 你好世界 こんにちは",
    "Emoji: ☀ 🚀",
]


def report(rows, **extra):
    return pdf_report(
        brand_name="Nordlicht Speicher",
        title="Activity log of jürgen@example.de",
        subtitle="From 01 November 2026 to 30 November 2026",
        header=["Time", "Activity", "IP address"],
        widths=[42, 110, 38],
        rows=rows,
        footer="© Nordlicht Speicher GmbH",
        **extra,
    )


def test_no_character_becomes_a_question_mark():
    text = pdf_text(report([("1 Nov 2026, 10:00", line, "198.51.100.1") for line in TEXTS]))

    for line in TEXTS:
        assert line in text.replace("\n", " ") or all(word in text for word in line.split())
    assert "?" not in text
    assert "jürgen@example.de" in text and "© Nordlicht Speicher GmbH" in text


def test_every_page_has_the_title_the_range_and_its_number():
    rows = [(f"1 Nov 2026, 10:{n % 60:02d}", f"Entry {n}", "198.51.100.1") for n in range(120)]

    pages = pdf_pages(report(rows))

    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert "Activity log of jürgen@example.de" in page
        assert "From 01 November 2026 to 30 November 2026" in page
        assert f"Page {number} of {len(pages)}" in page
        if "Entry" in page:
            assert "Time" in page and "IP address" in page  # the table's header again
    assert all(
        f"Entry {n}\n" in "\n".join(pages) or f"Entry {n} " in "\n".join(pages)
        for n in (0, 60, 119)
    )
    assert "120 entries." in pages[-1]


def test_a_report_without_cjk_does_not_embed_the_cjk_font():
    plain = report([("1 Nov 2026, 10:00", "Signed in", "198.51.100.1")])
    cjk = report([("1 Nov 2026, 10:00", "你好", "198.51.100.1")])

    assert b"NotoSansSC" not in plain and b"NotoSansSC" in cjk
    assert len(plain) < 100_000
