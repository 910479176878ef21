#!/usr/bin/env python3
"""Generates a synthetic bilingual course for benchmarks.

Usage: generate_course.py DIR --decks N [--sections S]

Writes DIR/course-specs/bench.xml and N decks under DIR/slides/, spread evenly over S
sections (one module each). Every deck has a header, bilingual markdown, code cells and the
tags that the kinds filter on, about 3 KB like a real lecture deck. The output is the same
for the same arguments, so timings are comparable between runs and machines.
"""
import argparse
import pathlib

DECK = '''# j2 from 'macros.j2' import header
# {{{{ header("Thema {n}", "Topic {n}") }}}}

# %% [markdown] lang="de" tags=["slide"]
#
# ## Einführung in Thema {n}
#
# - Erster Punkt zu Thema {n}
# - Zweiter Punkt mit `code`

# %% [markdown] lang="en" tags=["slide"]
#
# ## Introduction to topic {n}
#
# - First point about topic {n}
# - Second point with `code`

# %% [markdown] lang="de" tags=["notes"]
#
# Hinweise für Vortragende zu Thema {n}.

# %% [markdown] lang="en" tags=["notes"]
#
# Notes for the trainer on topic {n}.

# %% tags=["keep"]
def function_{n}(x):
    return x * {n}

# %%
function_{n}(3)

# %% [markdown] lang="de" tags=["subslide"]
#
# ## Übung
#
# Schreiben Sie `double_{n}(x)`.

# %% [markdown] lang="en" tags=["subslide"]
#
# ## Exercise
#
# Write `double_{n}(x)`.

# %% tags=["start"]
def double_{n}(x):
    ...

# %% tags=["completed"]
def double_{n}(x):
    return 2 * x

# %% [markdown] lang="de" tags=["workshop"]
#
# ## Workshop
#
# Kombinieren Sie beide Funktionen.

# %% [markdown] lang="en" tags=["workshop"]
#
# ## Workshop
#
# Combine both functions.

# %%
result_{n} = double_{n}(function_{n}(1))
result_{n}

# %% [markdown] lang="de" tags=["answer"]
#
# Das Ergebnis ist {twice}.

# %% [markdown] lang="en" tags=["answer"]
#
# The result is {twice}.

# %% [markdown] lang="en" tags=["voiceover"]
#
# We combined two functions.

# %% tags=["del"]
assert result_{n} == {twice}
'''


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("root", type=pathlib.Path)
    parser.add_argument("--decks", type=int, required=True)
    parser.add_argument("--sections", type=int, default=20)
    args = parser.parse_args()

    per_section = -(-args.decks // args.sections)
    sections = []
    for s in range(args.sections):
        module = f"module_{100 + s:03d}_part{s}"
        topics = []
        for t in range(per_section):
            n = s * per_section + t
            if n >= args.decks:
                break
            topic = f"topic_{100 + t:03d}_t{n}"
            deck = args.root / "slides" / module / topic / f"slides_t{n}.py"
            deck.parent.mkdir(parents=True, exist_ok=True)
            deck.write_text(DECK.format(n=n, twice=2 * n), encoding="utf-8")
            topics.append(f"        <topic>t{n}</topic>")
        sections.append(
            f'    <section module="{module}">\n'
            f"      <name><de>Teil {s}</de><en>Part {s}</en></name>\n"
            "      <topics>\n" + "\n".join(topics) + "\n      </topics>\n    </section>")
    spec = args.root / "course-specs" / "bench.xml"
    spec.parent.mkdir(parents=True, exist_ok=True)
    spec.write_text(
        "<course>\n  <name><de>Messkurs</de><en>Benchmark Course</en></name>\n"
        "  <prog-lang>python</prog-lang>\n  <sections>\n" + "\n".join(sections) +
        "\n  </sections>\n</course>\n", encoding="utf-8")


if __name__ == "__main__":
    main()
