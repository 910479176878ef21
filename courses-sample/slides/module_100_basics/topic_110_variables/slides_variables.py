# j2 from 'macros.j2' import header
# {{ header("Variablen", "Variables") }}

# %% [markdown] lang="de" tags=["slide"]
#
# ## Namen für Werte
#
# Eine Variable gibt einem Wert einen Namen.

# %% [markdown] lang="en" tags=["slide"]
#
# ## Names for values
#
# A variable gives a value a name.

# %%
answer = 42
answer

# %% [markdown] lang="de" tags=["subslide"]
#
# ## Mini-Übung
#
# Weisen Sie `greeting` den Text `"Hallo"` zu.

# %% [markdown] lang="en" tags=["subslide"]
#
# ## Mini exercise
#
# Assign the text `"Hello"` to `greeting`.

# %% tags=["start"]
greeting = ...

# %% lang="de" tags=["completed"]
greeting = "Hallo"
greeting

# %% lang="en" tags=["completed"]
greeting = "Hello"
greeting

# %% [markdown] lang="de" tags=["answer"]
#
# Der Wert wird in der Ausgabe der Zelle angezeigt.

# %% [markdown] lang="en" tags=["answer"]
#
# The value is shown as the cell's output.

# %% tags=["alt"]
greeting = str("Hello")

# %% [markdown] lang="de" tags=["subslide"]
#
# ## Was eine Zuweisung tut
#
# ![Zuweisung](img/assignment.png)

# %% [markdown] lang="en" tags=["subslide"]
#
# ## What an assignment does
#
# ![Assignment](img/assignment.png)

# %%
from IPython.display import Image

Image("img/assignment.png")
