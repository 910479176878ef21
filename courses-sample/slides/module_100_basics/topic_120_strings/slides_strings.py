# j2 from 'macros.j2' import header
# {{ header("Zeichenketten", "Strings") }}

# %% [markdown] lang="de" tags=["slide"]
#
# ## Text in Python
#
# Zeichenketten stehen in Anführungszeichen.

# %% [markdown] lang="en" tags=["slide"]
#
# ## Text in Python
#
# Strings are written in quotes.

# %%
word = "Python"
len(word)

# %% [markdown] lang="de" tags=["private"]
#
# Diese Zelle ist als privat markiert; der Build behandelt sie wie jede andere.

# %% [markdown] lang="en" tags=["private"]
#
# This cell is tagged private; the build treats it like any other.

# %% [markdown] tags=["nodataurl"]
#
# <img src="https://www.python.org/static/img/python-logo.png" alt="Python"/>

# j2 if is_notebook
# %% [markdown] lang="de"
#
# Im Notebook können Sie die Zellen selbst ausführen.

# %% [markdown] lang="en"
#
# In the notebook you can run the cells yourself.
# j2 endif

# %%
word.upper()
