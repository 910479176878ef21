# %% [markdown]
# A fine cell.

# %% tags=["slide"
print("the header above is not closed")
