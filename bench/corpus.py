"""Generate a large synthetic bilingual site in the project's content format.

The text behaves like real text: words are drawn from wordfreq's lists of
the most frequent English and Chinese words, with their real frequencies,
so common words are everywhere and rare ones in few pages, as in a real
site. The same seed gives the same corpus.

    python bench/corpus.py OUTPUT_DIR [--news 2500] [--programs 300] [--talks 300]
"""

import argparse
import json
import random
import shutil
import sys
from datetime import date, datetime, timedelta
from itertools import accumulate
from pathlib import Path

import yaml
from wordfreq import get_frequency_dict, top_n_list

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from programs.schema import FUNDING, LEVELS, TYPES

VOCABULARY = 5000
COUNTRIES = [
    "GB",
    "US",
    "CA",
    "AU",
    "FR",
    "DE",
    "BE",
    "NL",
    "JP",
    "KR",
    "SG",
    "NZ",
    "IT",
    "ES",
    "SE",
    "FI",
    "DK",
    "CH",
    "AT",
    "IE",
    "RU",
    "BR",
    "ZA",
    "KE",
    "TH",
    "MY",
    "PT",
    "PL",
]


def _is_word(word, lang):
    """Letters only; for Chinese, Chinese characters only (the list has Latin words too)."""
    if lang == "zh":
        return all("\u4e00" <= char <= "\u9fff" for char in word)
    return word.isalpha()


class Words:
    """Words of one language, drawn with their real frequencies."""

    def __init__(self, lang, rng):
        self.rng = rng
        self.lang = lang
        words = [w for w in top_n_list(lang, VOCABULARY * 2) if _is_word(w, lang)][:VOCABULARY]
        self.words = words
        frequencies = get_frequency_dict(lang)
        self.cumulative = list(accumulate(frequencies[w] for w in words))

    def draw(self, count, ranks=None):
        if ranks:  # uniformly from a band of ranks: for titles, words that tell pages apart
            return self.rng.choices(self.words[ranks[0] : ranks[1]], k=count)
        return self.rng.choices(self.words, cum_weights=self.cumulative, k=count)

    def sentence(self, low=8, high=20):
        words = self.draw(self.rng.randint(low, high))
        if self.lang == "zh":
            return "".join(words) + "。"
        return " ".join(words).capitalize() + "."

    def paragraph(self, sentences=(3, 6)):
        return " ".join(self.sentence() for _ in range(self.rng.randint(*sentences)))

    def title(self, low=4, high=8):
        words = self.draw(self.rng.randint(low, high), ranks=(100, 4000))
        return "".join(words) if self.lang == "zh" else " ".join(words).title()


def text(en, zh, make):
    return {"en": make(en), "zh": make(zh)}


def write_news(content, count, en, zh, rng, program_ids, series_ids):
    tags = {"en": en.draw(40, ranks=(300, 1500)), "zh": zh.draw(40, ranks=(300, 1500))}
    start = date(2016, 1, 1)
    for number in range(count):
        day = start + timedelta(days=rng.randint(0, 3650))
        chosen_tags = rng.sample(range(40), rng.randint(1, 3))
        programs = rng.sample(program_ids, rng.randint(0, 2)) if program_ids else []
        lectures = rng.sample(series_ids, 1) if series_ids and rng.random() < 0.1 else []
        for lang, words in (("en", en), ("zh", zh)):
            meta = {
                "title": words.title(),
                "date": day.isoformat(),
                "summary": words.sentence(),
                "tags": [tags[lang][i] for i in chosen_tags],
            }
            if programs:
                meta["programs"] = programs
            if lectures:
                meta["lectures"] = lectures
            body = "\n\n".join(words.paragraph() for _ in range(rng.randint(3, 6)))
            path = content / "news" / f"bench-news-{number:05d}.{lang}.md"
            path.write_text(
                "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\n" + body + "\n",
                encoding="utf-8",
            )


def write_programs(content, count, en, zh, rng):
    ids = [f"bench-program-{number:04d}" for number in range(count)]
    for program_id in ids:
        partners = [
            {
                "name": text(en, zh, lambda w: w.title(2, 3)),
                "country": rng.choice(COUNTRIES),
                "city": text(en, zh, lambda w: w.title(1, 1)),
            }
            for _ in range(rng.choice([1, 1, 1, 2, 3]))
        ]
        data = {
            "title": text(en, zh, lambda w: w.title()),
            "summary": text(en, zh, lambda w: w.sentence()),
            "description": text(en, zh, lambda w: w.paragraph() + "\n\n" + w.paragraph()),
            "partner": partners,
            "type": rng.choice(TYPES),
            "levels": sorted(rng.sample(LEVELS, rng.randint(1, 3)), key=LEVELS.index),
            "language": rng.sample(["en", "zh", "fr", "de"], rng.randint(1, 2)),
            "funding": rng.sample(FUNDING, rng.randint(0, 2)),
            "deadline": (date(2026, 1, 1) + timedelta(days=rng.randint(0, 730))).isoformat(),
        }
        (content / "programs" / f"{program_id}.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
        )
    return ids


def write_lectures(content, count, en, zh, rng):
    series_count = max(1, count // 10)
    ids = [f"bench-series-{number:03d}" for number in range(series_count)]
    for index, series_id in enumerate(ids):
        talks = []
        for number in range(count // series_count + (index < count % series_count)):
            start = datetime(2022, 1, 1, 9) + timedelta(days=rng.randint(0, 2000), hours=number % 8)
            talks.append(
                {
                    "title": text(en, zh, lambda w: w.title()),
                    "speaker": {
                        "name": en.title(2, 2),
                        "affiliation": text(en, zh, lambda w: w.title(2, 3)),
                        "country": rng.choice(COUNTRIES),
                        "bio": text(en, zh, lambda w: w.sentence()),
                    },
                    "start": start.strftime("%Y-%m-%dT%H:%M"),
                    "venue": text(en, zh, lambda w: w.title(2, 3)),
                    "abstract": text(en, zh, lambda w: w.paragraph()),
                    "id": f"talk-{number:03d}",
                }
            )
        data = {
            "title": text(en, zh, lambda w: w.title()),
            "description": text(en, zh, lambda w: w.paragraph()),
            "talks": talks,
        }
        (content / "lectures" / f"{series_id}.yaml").write_text(
            yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
        )
    return ids


def queries(en, zh):
    """Search terms from common to rare, one and two words, in both languages."""
    picks = {}
    for lang, words in (("en", en), ("zh", zh)):
        single = [words.words[rank] for rank in (40, 150, 600, 1500, 3000, 4500)]
        double = [" ".join(words.words[a : a + 2 * b : b]) for a, b in ((200, 7), (2500, 11))]
        picks[lang] = single + double
    return picks


def generate(output, news=2500, programs=300, talks=300, seed=2026):
    rng = random.Random(seed)
    en, zh = Words("en", rng), Words("zh", rng)
    content = Path(output)
    shutil.rmtree(content, ignore_errors=True)
    for folder in ("news", "pages", "programs", "lectures", "data"):
        (content / folder).mkdir(parents=True)
    for lang in ("en", "zh"):
        shutil.copy(ROOT / "content" / "pages" / f"about.{lang}.md", content / "pages")
    shutil.copy(ROOT / "content" / "data" / "figures.yaml", content / "data")
    program_ids = write_programs(content, programs, en, zh, rng)
    series_ids = write_lectures(content, talks, en, zh, rng)
    write_news(content, news, en, zh, rng, program_ids, series_ids)
    terms = queries(en, zh)
    (content.parent / f"{content.name}-queries.json").write_text(
        json.dumps(terms, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return terms


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output")
    parser.add_argument("--news", type=int, default=2500)
    parser.add_argument("--programs", type=int, default=300)
    parser.add_argument("--talks", type=int, default=300)
    args = parser.parse_args()
    generate(args.output, args.news, args.programs, args.talks)


if __name__ == "__main__":
    main()
