# j2 from 'macros.j2' import header
# {{ header("Einführung", "Introduction") }}

# %% [markdown] lang="de" tags=["slide"]
#
# ## Willkommen
#
# - Python ist eine interpretierte Sprache
# - Wir arbeiten mit Jupyter-Notebooks

# %% [markdown] lang="en" tags=["slide"]
#
# ## Welcome
#
# - Python is an interpreted language
# - We work with Jupyter notebooks

# %% [markdown] lang="de" tags=["notes"]
#
# Fragen Sie, wer schon programmiert hat.

# %% [markdown] lang="en" tags=["notes"]
#
# Ask who has programmed before.

# %% tags=["keep"]
print("Hello, world!")

# %%
1 + 2

# %% [markdown] lang="de" tags=["voiceover"]
#
# Hier sehen wir das Ergebnis des letzten Ausdrucks.

# %% [markdown] lang="en" tags=["voiceover"]
#
# Here we see the value of the last expression.

# %% tags=["del"]
# This cell is for the authors only and appears in no output.
assert 1 + 2 == 3

# %% [markdown] lang="de" tags=["subslide"]
#
# ## Die Farben von Python
#
# ![Blau und Gelb](img/python-colours.png)

# %% [markdown] lang="en" tags=["subslide"]
#
# ## The colours of Python
#
# ![Blue and yellow](img/python-colours.png)
