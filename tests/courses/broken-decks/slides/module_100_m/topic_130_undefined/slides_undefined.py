# %% [markdown]
#
# Written by {{ lecturer }}
