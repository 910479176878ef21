# j2 from 'macros.j2' import header
# {{ header("Was können Schleifen?", "What can loops do?") }}

# %% [markdown] lang="de" tags=["slide"]
#
# ## Wiederholen mit `for`

# %% [markdown] lang="en" tags=["slide"]
#
# ## Repeating with `for`

# %%
for number in range(3):
    print(number)

# %% [markdown] lang="de" tags=["notes"]
#
# `range(3)` liefert 0, 1 und 2.

# %% [markdown] lang="en" tags=["notes"]
#
# `range(3)` yields 0, 1 and 2.
