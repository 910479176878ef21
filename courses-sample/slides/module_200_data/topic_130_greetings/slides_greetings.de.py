# j2 from 'macros.j2' import header_de
# {{ header_de("Grüße") }}

# %% [markdown] tags=["slide"]
#
# ## Grüße auf Deutsch
#
# Dieses Deck gibt es in zwei Dateien, eine je Sprache.

# %%
print("Guten Tag!")
