# j2 from 'macros.j2' import header_en
# {{ header_en("Greetings") }}

# %% [markdown] tags=["slide"]
#
# ## Greetings in English
#
# This deck comes in two files, one per language.

# %%
print("Good day!")
