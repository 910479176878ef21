# j2 from 'macros.j2' import header
# {{ header("Funktionen", "Functions") }}

# %% [markdown] lang="de" tags=["slide"]
#
# ## Funktionen definieren

# %% [markdown] lang="en" tags=["slide"]
#
# ## Defining functions

# %%
def add(a, b):
    return a + b

# %%
add(2, 3)

# %% [markdown] lang="de" tags=["workshop"]
#
# ## Workshop: Quadrate
#
# Schreiben Sie eine Funktion `square(x)`, die `x * x` zurückgibt.

# %% [markdown] lang="en" tags=["workshop"]
#
# ## Workshop: Squares
#
# Write a function `square(x)` that returns `x * x`.

# %% tags=["start"]
def square(x):
    ...

# %% tags=["completed"]
def square(x):
    return x * x

# %% tags=["keep"]
square(4)

# %% [markdown] lang="de" tags=["answer"]
#
# `square(4)` ergibt 16.

# %% [markdown] lang="en" tags=["answer"]
#
# `square(4)` gives 16.

# %% [markdown] lang="de" tags=["end-workshop", "subslide"]
#
# ## Zusammenfassung
#
# Funktionen geben Code einen Namen.

# %% [markdown] lang="en" tags=["end-workshop", "subslide"]
#
# ## Summary
#
# Functions give code a name.

# %%
add(square(2), square(3))
